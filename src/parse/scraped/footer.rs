//! A raw page's site footer: navigation bars of `|`-separated links and the lines sites end
//! with (copyright, ICP licence, technical support, visit counters, print/close buttons).

/// Text that only appears in a site's footer.
const MARKERS: &[&str] = &[
    "版权所有",
    "ICP备",
    "ICP证",
    "技术支持",
    "主办单位",
    "承办单位",
    "本站访问量",
    "网站标识码",
    "公网安备",
    "【打印本页】",
    "【关闭窗口】",
    "【打印】",
    "【关闭】",
    "【返回顶部】",
    "Copyright",
    "copyright",
    "COPYRIGHT",
    "©",
];

/// Items of a navigation bar are at most this many characters long.
const NAV_ITEM_MAX: usize = 8;

/// True when `line` belongs to the site's footer.
pub(super) fn is_footer(line: &str) -> bool {
    MARKERS.iter().any(|m| line.contains(m)) || is_nav_bar(line)
}

/// `| 关于我们 | 网站地图 | 联系我们 |`: at least two short items between bars.
fn is_nav_bar(line: &str) -> bool {
    let parts: Vec<&str> = line.split(['|', '｜']).collect();
    if parts.len() < 3 {
        return false;
    }
    let items: Vec<&str> = parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    items.len() >= 2 && items.iter().all(|i| i.chars().count() <= NAV_ITEM_MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footers_of_the_seed_and_others() {
        for line in [
            "| 关于我们 | 网站地图 | 网站声明 | 常见问题 | 联系我们 |",
            "版权所有:长春市人民代表大会常委会\u{a0}\u{a0}技术支持:长春市信息中心",
            "ICP备案编号:吉ICP备04030026号\u{a0}\u{a0}本站访问量:",
            "首页｜新闻｜关于",
            "【打印本页】 【关闭窗口】",
            "主办单位：某某市人民政府",
            "Copyright © 2017 example.com",
        ] {
            assert!(is_footer(line), "{line}");
        }
    }

    #[test]
    fn paragraphs_are_not_footers() {
        for line in [
            "95日,中共长春市委人大工作会议召开。",
            "他说：“A|B 测试是一种常见的方法，用来比较两个版本的效果好坏。”",
            "|",
        ] {
            assert!(!is_footer(line), "{line}");
        }
    }
}
