//! Who publishes the text-based generator's articles: the input archives' own sources when
//! they name two or more (weighted by how many articles each published there, with the host of
//! a URL seen for it), else `juan gen`'s 500 generated sources (`synthetic::sources`).

use super::pool::Pool;
use crate::synthetic::random::Rng;
use crate::synthetic::sources::Sources;
use crate::synthetic::weighted::WeightedTable;

/// Most input sources kept (the weighted table's size); the most prolific are kept.
const MAX_SOURCES: usize = 1 << 16;

/// The sources articles are drawn from.
#[derive(Debug, Clone)]
pub(crate) enum Outlets {
    /// The input's sources, most prolific first.
    Input {
        names: Vec<String>,
        hosts: Vec<String>,
        table: WeightedTable,
    },
    /// The generated sources of `juan gen`.
    Generated(Sources),
}

impl Outlets {
    /// The input's sources when it names at least two, else the generated ones.
    pub(crate) fn new(pool: &Pool) -> Outlets {
        let mut seen: Vec<_> = pool.sources().iter().collect();
        if seen.len() < 2 {
            return Outlets::Generated(Sources::new());
        }
        // Most articles first, ties by name: the same order on every run.
        seen.sort_unstable_by(|a, b| b.1.articles.cmp(&a.1.articles).then(a.0.cmp(b.0)));
        seen.truncate(MAX_SOURCES);
        let weights: Vec<u64> = seen.iter().map(|(_, s)| s.articles).collect();
        let hosts = seen
            .iter()
            .enumerate()
            .map(|(rank, (_, s))| match &s.host {
                Some(host) => host.clone(),
                None => format!("s{rank}.news.example"),
            })
            .collect();
        Outlets::Input {
            names: seen.into_iter().map(|(name, _)| name.clone()).collect(),
            hosts,
            table: WeightedTable::new(&weights),
        }
    }

    /// Picks a source index, the more prolific more often.
    pub(crate) fn pick(&self, rng: &mut Rng) -> usize {
        match self {
            Outlets::Input { table, .. } => table.pick(rng.bits()),
            Outlets::Generated(sources) => sources.pick(rng),
        }
    }

    /// The name of source `i`.
    pub(crate) fn name(&self, i: usize) -> &str {
        match self {
            Outlets::Input { names, .. } => &names[i],
            Outlets::Generated(sources) => sources.name(i),
        }
    }

    /// The web host of source `i`.
    pub(crate) fn host(&self, i: usize) -> &str {
        match self {
            Outlets::Input { hosts, .. } => &hosts[i],
            Outlets::Generated(sources) => sources.host(i),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;

    fn pool(sources: &[(&str, Option<&str>)]) -> Pool {
        let mut pool = Pool::new();
        for (source, url) in sources {
            pool.add_article(&Article {
                title: "一条足够长的标题".into(),
                source: (*source).into(),
                url: url.map(str::to_owned),
                ..Article::default()
            });
        }
        pool
    }

    #[test]
    fn several_input_sources_are_used_by_how_much_they_published() {
        let outlets = Outlets::new(&pool(&[
            ("南方日报", Some("https://www.nfrb.example.cn/a")),
            ("南方日报", None),
            ("南方日报", None),
            ("体育快讯", None),
        ]));
        assert_eq!(
            (outlets.name(0), outlets.host(0)),
            ("南方日报", "www.nfrb.example.cn")
        );
        assert_eq!(
            (outlets.name(1), outlets.host(1)),
            ("体育快讯", "s1.news.example")
        );
        let mut rng = Rng::new(3);
        let first = (0..4000).filter(|_| outlets.pick(&mut rng) == 0).count();
        assert!((2800..=3200).contains(&first), "{first} of 4000");
    }

    #[test]
    fn one_input_source_or_none_means_the_generated_ones() {
        for sources in [&[("南方日报", None)][..], &[("", None)][..]] {
            let outlets = Outlets::new(&pool(sources));
            assert!(matches!(outlets, Outlets::Generated(_)));
            assert_eq!(outlets.name(0), "江城晚报");
        }
    }
}
