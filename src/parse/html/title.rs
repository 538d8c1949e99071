//! The headline of a page: `og:title`, else an `<h1>` that is not the site's logo, else
//! `<title>`; whichever it is, a trailing site name goes (`标题_新华网`, `标题 - 新浪新闻`,
//! `标题｜澎湃新闻`, `标题-中新网`, `标题_科技_腾讯网`). A tail counts as a site name when it
//! is one the page names (`og:site_name` and the like), or reads like one: a domain, or a
//! name ending in 网, 新闻, 日报, 频道 …; once one is gone, short channel names before it
//! (`_科技`) go too.

/// Separators between a headline and a site name, longest first.
const SEPARATORS: &[&str] = &[
    " —— ", "——", " — ", "—", " – ", " - ", "-", " | ", "|", "｜", "丨", "_", "＿",
];

/// Endings that mark a name as an outlet's.
const SITE_ENDINGS: &[&str] = &[
    "网",
    "網",
    "新闻",
    "新聞",
    "新闻中心",
    "日报",
    "日報",
    "晚报",
    "晚報",
    "早报",
    "早報",
    "时报",
    "時報",
    "周刊",
    "週刊",
    "频道",
    "頻道",
    "在线",
    "在線",
    "网站",
    "網站",
    "门户",
    "客户端",
    "电视台",
    "電視台",
    "通讯社",
    "通訊社",
    "新闻社",
    "报业",
    "传媒",
    "傳媒",
    "观察",
    "财经",
    "財經",
    "News",
    "news",
    "NEWS",
    "Online",
    "Times",
    "Post",
    "Daily",
];

/// Portals whose channels are named after them (`新浪科技`, `网易财经`, `凤凰网资讯`).
const SITE_BRANDS: &[&str] = &[
    "新浪",
    "网易",
    "腾讯",
    "搜狐",
    "凤凰",
    "澎湃",
    "新华",
    "人民",
    "央视",
    "中新",
    "环球",
    "光明",
    "南方",
    "界面",
    "财新",
    "观察者",
];

/// A name that starts with a portal's brand is the portal's when it is this short.
const MAX_BRAND_CHARS: usize = 8;

/// Tails longer than this (in characters) are never a site name.
const MAX_SITE_CHARS: usize = 24;

/// Channel names (`科技`, `国际`) are at most this long.
const MAX_CHANNEL_CHARS: usize = 4;

/// The headline and, when a site name was cut from it, the headline as the page gave it
/// (else empty). `site_names` are the names the page gives itself.
pub(super) fn choose(
    og_title: Option<&str>,
    h1s: &[String],
    title_tag: &str,
    site_names: &[&str],
) -> (String, String) {
    let og = og_title
        .map(str::trim)
        .filter(|t| !t.is_empty() && !is_logo(t, site_names));
    let h1 = h1s
        .iter()
        .map(|h| h.trim())
        .find(|h| h.chars().count() >= 2 && !is_logo(h, site_names));
    let title_tag = title_tag.trim();
    let given = match og {
        // A page saved from the browser's DOM can cut `og:title` at a quote inside it
        // (`content="奖金711万元！" 中国…"`): a longer heading that starts with it wins.
        Some(og) => h1
            .filter(|h| h.len() > og.len() && h.starts_with(og))
            .or_else(|| {
                let headline = without_site_suffix(title_tag, site_names);
                (headline.len() > og.len() && headline.starts_with(og)).then_some(title_tag)
            })
            .unwrap_or(og),
        None => h1.unwrap_or(title_tag),
    };
    let short = without_site_suffix(given, site_names);
    if short == given {
        (given.to_string(), String::new())
    } else {
        (short.to_string(), given.to_string())
    }
}

/// `title` without trailing site names (see the module doc); never empty when `title` is not.
/// The rightmost segment that is a site name goes with everything after it when that is
/// short (`_澎湃新闻-The Paper`), then channel names before it.
pub(super) fn without_site_suffix<'a>(title: &'a str, site_names: &[&str]) -> &'a str {
    split_site(title, site_names).0
}

/// The site name [`without_site_suffix`] cuts from `title` (`澎湃新闻` from
/// `标题_城市观察_澎湃新闻-The Paper`), if it cuts one.
pub(super) fn site_in(title: &str, site_names: &[&str]) -> Option<String> {
    split_site(title, site_names).1.map(str::to_string)
}

/// `title` as headline and the site name cut from it.
fn split_site<'a>(title: &'a str, site_names: &[&str]) -> (&'a str, Option<&'a str>) {
    let title = title.trim();
    // Byte ranges of the separators, left to right.
    let seps = separators(title);
    let segment = |k: usize| {
        let start = if k == 0 { 0 } else { seps[k - 1].1 };
        let end = seps.get(k).map_or(title.len(), |s| s.0);
        title[start..end].trim()
    };
    let count = seps.len() + 1;
    let site = (1..count).rev().find(|&k| {
        is_site_name(segment(k), site_names)
            && (k + 1..count).all(|j| segment(j).chars().count() <= MAX_TRAILER_CHARS)
    });
    let Some(mut cut) = site else {
        return (title, None);
    };
    let site = segment(cut);
    while cut > 1 && {
        let before = segment(cut - 1);
        is_channel(before) || is_site_name(before, site_names)
    } {
        cut -= 1;
    }
    let head = title[..seps[cut - 1].0].trim_end();
    if head.chars().count() < 2 {
        (title, None)
    } else {
        (head, Some(site))
    }
}

/// A short name with no space: a channel (`科技`, `中南海`) before a site name.
fn is_channel(segment: &str) -> bool {
    segment.chars().count() <= MAX_CHANNEL_CHARS && !segment.contains(char::is_whitespace)
}

/// Segments after a site name this short go with it (`-The Paper`, `|公园`).
const MAX_TRAILER_CHARS: usize = 16;

/// The byte ranges of the separators in `title`, left to right, none overlapping (a run of
/// separators counts as one: `--`).
fn separators(title: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut at = 0;
    while at < title.len() {
        let rest = &title[at..];
        match SEPARATORS.iter().find(|s| rest.starts_with(*s)) {
            Some(sep) => {
                let mut end = at + sep.len();
                while let Some(next) = SEPARATORS.iter().find(|s| title[end..].starts_with(*s)) {
                    end += next.len();
                }
                found.push((at, end));
                at = end;
            }
            None => at += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    found
}

/// True when `name` is one of `site_names`, or is short and reads like an outlet's name.
pub(super) fn is_site_name(name: &str, site_names: &[&str]) -> bool {
    let name = name.trim();
    let chars = name.chars().count();
    if chars == 0 || chars > MAX_SITE_CHARS {
        return false;
    }
    let named = site_names.iter().map(|s| s.trim()).any(|site| {
        !site.is_empty()
            && (name == site || name.contains(site) || (chars >= 2 && site.contains(name)))
    });
    named
        || SITE_ENDINGS.iter().any(|e| name.ends_with(e))
        || (chars <= MAX_BRAND_CHARS && SITE_BRANDS.iter().any(|b| name.starts_with(b)))
        || is_domain(name)
}

/// True when a whole heading is only the site's name (a logo in an `<h1>`): one the page
/// names, or a short outlet-like name or a domain.
fn is_logo(heading: &str, site_names: &[&str]) -> bool {
    let heading = heading.trim();
    if !separators(heading).is_empty() {
        // `标题_新华网` is a headline with a site name, not a logo.
        return false;
    }
    site_names.iter().any(|s| s.trim() == heading)
        || is_domain(heading)
        || (heading.chars().count() <= LOGO_CHARS
            && SITE_ENDINGS.iter().any(|e| heading.ends_with(e)))
}

/// A heading this short that ends like an outlet's name is a logo.
const LOGO_CHARS: usize = 12;

/// `sina.com.cn`, `Xinhuanet.com`, `news.cn`: letters, digits, dots and hyphens with a dot.
fn is_domain(name: &str) -> bool {
    name.contains('.')
        && !name.starts_with('.')
        && !name.ends_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && name.chars().any(|c| c.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn short(title: &str) -> &str {
        without_site_suffix(title, &[])
    }

    #[test]
    fn site_suffixes_go() {
        assert_eq!(
            short("国庆假期出游人数创新高_新华网"),
            "国庆假期出游人数创新高"
        );
        assert_eq!(
            short("国庆假期出游人数创新高 - 新浪新闻"),
            "国庆假期出游人数创新高"
        );
        assert_eq!(
            short("国庆假期出游人数创新高｜澎湃新闻"),
            "国庆假期出游人数创新高"
        );
        assert_eq!(
            short("国庆假期出游人数创新高-中新网"),
            "国庆假期出游人数创新高"
        );
        assert_eq!(
            short("国庆假期出游人数创新高——中国日报"),
            "国庆假期出游人数创新高"
        );
        assert_eq!(
            short("新电脑已可利用记忆自学_科技_腾讯网"),
            "新电脑已可利用记忆自学"
        );
        assert_eq!(
            short("新电脑已可利用记忆自学 | Sina.com"),
            "新电脑已可利用记忆自学"
        );
        assert_eq!(
            short("多地项目连环爆雷 龙湖集团\"暗伤\"曝露？_网易财经"),
            "多地项目连环爆雷 龙湖集团\"暗伤\"曝露？"
        );
    }

    #[test]
    fn the_site_cut_is_told() {
        assert_eq!(
            site_in("标题_城市观察_澎湃新闻-The Paper", &[]).as_deref(),
            Some("澎湃新闻")
        );
        assert_eq!(site_in("标题_科技_腾讯网", &[]).as_deref(), Some("腾讯网"));
        assert_eq!(site_in("只是标题", &[]), None);
    }

    #[test]
    fn a_named_site_goes_whatever_its_name() {
        assert_eq!(
            without_site_suffix("标题内容 - 凤凰", &["凤凰"]),
            "标题内容"
        );
        assert_eq!(
            without_site_suffix("标题内容 | 端传媒 Initium Media", &[]),
            "标题内容 | 端传媒 Initium Media"
        );
        assert_eq!(
            without_site_suffix("标题内容 | 端传媒 Initium Media", &["端传媒 Initium Media"]),
            "标题内容"
        );
    }

    #[test]
    fn headline_text_that_is_not_a_site_stays() {
        assert_eq!(short("2019-10-01 国庆阅兵"), "2019-10-01 国庆阅兵");
        assert_eq!(
            short("中美贸易谈判 - 第十三轮磋商结束"),
            "中美贸易谈判 - 第十三轮磋商结束"
        );
        assert_eq!(short("人民网"), "人民网");
        assert_eq!(short("网_新华网"), "网_新华网");
        assert_eq!(short("iPhone 11-Pro 发布"), "iPhone 11-Pro 发布");
        assert_eq!(short("iPhone 11-Pro 发布 - 新浪科技"), "iPhone 11-Pro 发布");
        assert_eq!(
            short("女童眼睛被塞几十片纸_凤凰网资讯_凤凰网"),
            "女童眼睛被塞几十片纸"
        );
        assert_eq!(
            short("新年伊始，习近平的重要文章谈了啥？_中南海_澎湃新闻-The Paper"),
            "新年伊始，习近平的重要文章谈了啥？"
        );
        assert_eq!(
            short("女儿出嫁，郑板桥画了几笔兰花当嫁妆--文化--人民网"),
            "女儿出嫁，郑板桥画了几笔兰花当嫁妆"
        );
        assert_eq!(
            short("中国人习以为常的地方 为何老外却说“了不得”？|公园_新浪新闻"),
            "中国人习以为常的地方 为何老外却说“了不得”？"
        );
    }

    #[test]
    fn og_title_then_a_heading_that_is_not_the_logo_then_title() {
        let h1s = [
            "新浪新闻".to_string(),
            "山西省人民政府网站".to_string(),
            "真正的标题".to_string(),
        ];
        assert_eq!(
            choose(Some("开放图谱标题_新华网"), &h1s, "网页标题", &[]),
            (
                "开放图谱标题".to_string(),
                "开放图谱标题_新华网".to_string()
            )
        );
        assert_eq!(
            choose(None, &h1s, "网页标题", &[]),
            ("真正的标题".to_string(), String::new())
        );
        assert_eq!(
            choose(Some("新华网"), &[], "网页标题 - 新华网", &["新华网"]),
            ("网页标题".to_string(), "网页标题 - 新华网".to_string())
        );
        let cut_at_a_quote = "奖金711万元！\"中国诺贝尔奖\"首位获奖女性啥来头?_网易新闻";
        assert_eq!(
            choose(Some("奖金711万元！"), &[], cut_at_a_quote, &[]),
            (
                "奖金711万元！\"中国诺贝尔奖\"首位获奖女性啥来头?".to_string(),
                cut_at_a_quote.to_string()
            )
        );
        assert_eq!(
            choose(Some("标题"), &[], "标题_新华网", &[]),
            ("标题".to_string(), String::new())
        );
    }
}
