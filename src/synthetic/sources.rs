//! The 500 generated news sources (`江城晚报`, `星城日报`, …), each with a web host for its URLs,
//! and how often each publishes: a few big outlets write much of an archive, as in real ones
//! (Zipf-like weights, exponent 0.8).

use super::random::Rng;
use super::weighted::WeightedTable;

/// How many sources the generator names.
pub(crate) const SOURCE_COUNT: usize = PLACES.len() * KINDS.len();

/// City names and nicknames, with the pinyin used in hosts.
const PLACES: [(&str, &str); 50] = [
    ("江城", "jiangcheng"),
    ("星城", "xingcheng"),
    ("春城", "chuncheng"),
    ("羊城", "yangcheng"),
    ("蓉城", "rongcheng"),
    ("泉城", "quancheng"),
    ("冰城", "bingcheng"),
    ("鹏城", "pengcheng"),
    ("榕城", "rongcheng2"),
    ("山城", "shancheng"),
    ("长春", "changchun"),
    ("北京", "beijing"),
    ("上海", "shanghai"),
    ("天津", "tianjin"),
    ("重庆", "chongqing"),
    ("南京", "nanjing"),
    ("杭州", "hangzhou"),
    ("苏州", "suzhou"),
    ("武汉", "wuhan"),
    ("成都", "chengdu"),
    ("西安", "xian"),
    ("沈阳", "shenyang"),
    ("大连", "dalian"),
    ("青岛", "qingdao"),
    ("济南", "jinan"),
    ("郑州", "zhengzhou"),
    ("长沙", "changsha"),
    ("南昌", "nanchang"),
    ("合肥", "hefei"),
    ("福州", "fuzhou"),
    ("厦门", "xiamen"),
    ("广州", "guangzhou"),
    ("深圳", "shenzhen"),
    ("南宁", "nanning"),
    ("昆明", "kunming"),
    ("贵阳", "guiyang"),
    ("兰州", "lanzhou"),
    ("银川", "yinchuan"),
    ("西宁", "xining"),
    ("拉萨", "lasa"),
    ("乌鲁木齐", "wulumuqi"),
    ("呼和浩特", "huhehaote"),
    ("太原", "taiyuan"),
    ("石家庄", "shijiazhuang"),
    ("哈尔滨", "haerbin"),
    ("吉林", "jilin"),
    ("海口", "haikou"),
    ("宁波", "ningbo"),
    ("温州", "wenzhou"),
    ("无锡", "wuxi"),
];

/// Kinds of outlet, with the suffix used in hosts.
const KINDS: [(&str, &str); 10] = [
    ("晚报", "wb"),
    ("日报", "rb"),
    ("晨报", "cb"),
    ("都市报", "dsb"),
    ("商报", "sb"),
    ("新闻网", "news"),
    ("青年报", "qnb"),
    ("法制报", "fzb"),
    ("电视台", "tv"),
    ("时报", "times"),
];

/// The sources: names, hosts and a weighted choice among them.
#[derive(Debug, Clone)]
pub(crate) struct Sources {
    names: Vec<String>,
    hosts: Vec<String>,
    popularity: WeightedTable,
}

impl Sources {
    /// All [`SOURCE_COUNT`] sources; source `i` is place `i % 50` with kind `i / 50`, and the
    /// lower its index the more it publishes.
    pub(crate) fn new() -> Sources {
        let (mut names, mut hosts) = (Vec::new(), Vec::new());
        for i in 0..SOURCE_COUNT {
            let (place, place_pinyin) = PLACES[i % PLACES.len()];
            let (kind, kind_suffix) = KINDS[i / PLACES.len()];
            names.push(format!("{place}{kind}"));
            hosts.push(format!("www.{place_pinyin}{kind_suffix}.com.cn"));
        }
        // Weight ∝ 1 / (rank + 1)^0.8, in integers so the table is the same everywhere.
        let weights: Vec<u64> = (0..SOURCE_COUNT)
            .map(|rank| (1e9 * libm::pow(rank as f64 + 1.0, -0.8)) as u64)
            .collect();
        Sources {
            names,
            hosts,
            popularity: WeightedTable::new(&weights),
        }
    }

    /// Picks a source index, popular ones more often.
    pub(crate) fn pick(&self, rng: &mut Rng) -> usize {
        self.popularity.pick(rng.bits())
    }

    /// The name of source `i`, e.g. `江城晚报`.
    pub(crate) fn name(&self, i: usize) -> &str {
        &self.names[i]
    }

    /// The web host of source `i`, e.g. `www.jiangchengwb.com.cn`.
    pub(crate) fn host(&self, i: usize) -> &str {
        &self.hosts[i]
    }
}

impl Default for Sources {
    fn default() -> Self {
        Sources::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn five_hundred_distinct_sources_and_hosts() {
        let s = Sources::new();
        assert_eq!(SOURCE_COUNT, 500);
        let names: HashSet<_> = (0..SOURCE_COUNT).map(|i| s.name(i)).collect();
        let hosts: HashSet<_> = (0..SOURCE_COUNT).map(|i| s.host(i)).collect();
        assert_eq!((names.len(), hosts.len()), (500, 500));
        assert_eq!(s.name(0), "江城晚报");
        assert!(hosts.iter().all(|h| h.is_ascii()));
    }

    #[test]
    fn popular_sources_publish_more_but_all_publish() {
        let s = Sources::new();
        let mut rng = Rng::new(1);
        let mut counts = vec![0u32; SOURCE_COUNT];
        for _ in 0..200_000 {
            counts[s.pick(&mut rng)] += 1;
        }
        assert!(
            counts[0] > 10 * counts[499],
            "{} vs {}",
            counts[0],
            counts[499]
        );
        assert!(counts.iter().filter(|&&c| c > 0).count() > 490);
    }
}
