//! Chart geometry: scales and positions, computed here and laid out as SVG
//! by the template `_chart_verdicts.html`, so a newsroom can restyle a
//! chart without touching code. The exceptions are the charts with a mark
//! per claim — the briefing's compare chart and an entity's timeline —
//! whose markup [`compare_svg`] and [`timeline_svg`] write: through Tera
//! they cost more than the rest of their pages. No JavaScript is involved; every chart carries a `<title>`
//! and a `<desc>` in both languages.
//!
//! All three charts share [`LogScale`]: accelerator counts run from a few
//! hundred to a million, and only a log scale keeps 2,048 and 200,000 both
//! readable on one axis.

use super::cards::both;
use super::escape::escape_into as esc;
use super::format::{number_en, number_zh, Ymd};
use super::i18n::I18n;
use super::views::Text;
use serde::Serialize;
use std::fmt::Write;

/// A tick on an axis, labelled in both languages.
#[derive(Debug, Clone, Serialize)]
pub struct Tick {
    /// Position along the axis, in SVG units from the plot's origin.
    pub at: f64,
    pub en: String,
    pub zh: String,
}

/// Powers of ten from `lo` to `hi` mapped onto `0..len`.
#[derive(Debug, Clone, Copy)]
pub struct LogScale {
    lo: f64,
    hi: f64,
    len: f64,
}

impl LogScale {
    /// The decades that enclose every value (at least one decade).
    pub fn enclosing(values: impl IntoIterator<Item = f64>, len: f64) -> LogScale {
        let (mut min, mut max) = (f64::INFINITY, 1.0f64);
        for v in values.into_iter().filter(|v| *v >= 1.0) {
            min = min.min(v);
            max = max.max(v);
        }
        if !min.is_finite() {
            min = 1.0;
        }
        let lo = min.log10().floor();
        let hi = max.log10().ceil().max(lo + 1.0);
        LogScale { lo, hi, len }
    }

    pub fn at(&self, v: f64) -> f64 {
        let l = v.max(1.0).log10().clamp(self.lo, self.hi);
        (l - self.lo) / (self.hi - self.lo) * self.len
    }

    pub fn ticks(&self) -> Vec<Tick> {
        (self.lo as i32..=self.hi as i32)
            .map(|d| {
                let v = 10f64.powi(d);
                Tick {
                    at: self.at(v),
                    en: number_en(v),
                    zh: number_zh(v),
                }
            })
            .collect()
    }
}

/// One claim: what the article says and what the record says.
#[derive(Debug, Clone)]
pub struct Point {
    /// Short label (`1 Grok 3`).
    pub label: String,
    pub claimed: f64,
    pub recorded: Option<f64>,
    /// Verdict key, for the colour.
    pub verdict: String,
    /// The claim's article date, for the timeline.
    pub date: Option<Ymd>,
    /// Link target (`briefings/x.html#claim-c1`), relative to the site root.
    pub href: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CompareRow {
    pub label: String,
    pub verdict: String,
    pub y: f64,
    pub claimed_w: f64,
    pub claimed_en: String,
    pub claimed_zh: String,
    pub recorded_w: Option<f64>,
    pub recorded_en: Option<String>,
    pub recorded_zh: Option<String>,
}

/// Claimed vs recorded counts, paired horizontal bars on a log scale.
#[derive(Debug, Clone, Serialize)]
pub struct Compare {
    pub width: f64,
    pub height: f64,
    /// Left edge of the plot area (labels sit left of it).
    pub left: f64,
    pub top: f64,
    pub plot_w: f64,
    pub plot_h: f64,
    pub bar_h: f64,
    pub rows: Vec<CompareRow>,
    pub ticks: Vec<Tick>,
}

/// `None` when there is nothing to draw.
pub fn compare(points: &[Point]) -> Option<Compare> {
    const WIDTH: f64 = 560.0;
    const LEFT: f64 = 130.0;
    const TOP: f64 = 10.0;
    const ROW_H: f64 = 40.0;
    const BAR_H: f64 = 14.0;
    let points: Vec<&Point> = points.iter().filter(|p| p.claimed >= 1.0).collect();
    if points.is_empty() {
        return None;
    }
    let plot_w = WIDTH - LEFT - 80.0;
    let scale = LogScale::enclosing(
        points
            .iter()
            .flat_map(|p| [Some(p.claimed), p.recorded])
            .flatten(),
        plot_w,
    );
    let rows = points
        .iter()
        .enumerate()
        .map(|(i, p)| CompareRow {
            label: truncate(&p.label, 22),
            verdict: p.verdict.clone(),
            y: TOP + i as f64 * ROW_H,
            claimed_w: scale.at(p.claimed).max(2.0),
            claimed_en: number_en(p.claimed),
            claimed_zh: number_zh(p.claimed),
            recorded_w: p.recorded.map(|r| scale.at(r).max(2.0)),
            recorded_en: p.recorded.map(number_en),
            recorded_zh: p.recorded.map(number_zh),
        })
        .collect();
    let plot_h = points.len() as f64 * ROW_H;
    Some(Compare {
        width: WIDTH,
        height: TOP + plot_h + 28.0,
        left: LEFT,
        top: TOP,
        plot_w,
        plot_h,
        bar_h: BAR_H,
        rows,
        ticks: scale.ticks(),
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    pub key: String,
    pub n: usize,
    pub x: f64,
    pub w: f64,
    pub y: f64,
}

/// Claims by verdict: one horizontal bar per verdict.
#[derive(Debug, Clone, Serialize)]
pub struct Verdicts {
    pub width: f64,
    pub height: f64,
    pub left: f64,
    pub bar_h: f64,
    pub bars: Vec<Bar>,
    pub total: usize,
}

/// `counts` in display order: `(verdict key, number of claims)`.
pub fn verdicts(counts: &[(String, usize)]) -> Verdicts {
    const WIDTH: f64 = 460.0;
    const LEFT: f64 = 170.0;
    const ROW_H: f64 = 32.0;
    const BAR_H: f64 = 20.0;
    let max = counts.iter().map(|c| c.1).max().unwrap_or(0).max(1) as f64;
    let plot_w = WIDTH - LEFT - 40.0;
    let bars = counts
        .iter()
        .enumerate()
        .map(|(i, (key, n))| Bar {
            key: key.clone(),
            n: *n,
            x: LEFT,
            w: (*n as f64 / max * plot_w).max(if *n > 0 { 2.0 } else { 0.0 }),
            y: 8.0 + i as f64 * ROW_H,
        })
        .collect();
    Verdicts {
        width: WIDTH,
        height: 8.0 + counts.len() as f64 * ROW_H + 4.0,
        left: LEFT,
        bar_h: BAR_H,
        bars,
        total: counts.iter().map(|c| c.1).sum(),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TimePoint {
    pub x: f64,
    pub y: f64,
    pub label: String,
    pub verdict: String,
    pub claimed_en: String,
    pub claimed_zh: String,
    pub date: String,
    pub href: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecordLine {
    pub y: f64,
    pub en: String,
    pub zh: String,
}

/// Every claim about an entity over time (x: article date, y: count on a
/// log scale), against the recorded values (horizontal lines).
#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    pub width: f64,
    pub height: f64,
    pub left: f64,
    pub top: f64,
    pub plot_w: f64,
    pub plot_h: f64,
    pub points: Vec<TimePoint>,
    pub records: Vec<RecordLine>,
    pub y_ticks: Vec<Tick>,
    /// Year labels along the x axis.
    pub x_ticks: Vec<Tick>,
}

/// `records` are the record's counts; `None` when no claim has a count.
pub fn timeline(points: &[Point], records: &[f64]) -> Option<Timeline> {
    const WIDTH: f64 = 560.0;
    const LEFT: f64 = 64.0;
    const TOP: f64 = 14.0;
    const PLOT_H: f64 = 200.0;
    let points: Vec<&Point> = points.iter().filter(|p| p.claimed >= 1.0).collect();
    if points.is_empty() {
        return None;
    }
    let plot_w = WIDTH - LEFT - 140.0;
    let scale = LogScale::enclosing(
        points
            .iter()
            .map(|p| p.claimed)
            .chain(records.iter().copied()),
        PLOT_H,
    );
    // Days since year 0, roughly: enough to order and space articles.
    let day = |d: &Ymd| {
        f64::from(d.year) * 372.0
            + f64::from(d.month.unwrap_or(1) - 1) * 31.0
            + f64::from(d.day.unwrap_or(1) - 1)
    };
    let dated: Vec<f64> = points
        .iter()
        .filter_map(|p| p.date.as_ref().map(day))
        .collect();
    let (t0, t1) = dated
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &t| {
            (a.min(t), b.max(t))
        });
    let span = if t1 > t0 { t1 - t0 } else { 0.0 };
    let pad = plot_w * 0.08;
    let x_of = |t: f64| {
        if span == 0.0 {
            plot_w / 2.0
        } else {
            pad + (t - t0) / span * (plot_w - 2.0 * pad)
        }
    };
    let mut out = Vec::new();
    for p in &points {
        let x = match p.date.as_ref() {
            Some(d) => x_of(day(d)),
            None => plot_w - 4.0,
        };
        out.push(TimePoint {
            x,
            y: PLOT_H - scale.at(p.claimed),
            label: truncate(&p.label, 18),
            verdict: p.verdict.clone(),
            claimed_en: number_en(p.claimed),
            claimed_zh: number_zh(p.claimed),
            date: p.date.map(|d| d.iso()).unwrap_or_default(),
            href: p.href.clone(),
        });
    }
    let mut recs: Vec<f64> = records.iter().copied().filter(|r| *r >= 1.0).collect();
    recs.sort_by(f64::total_cmp);
    recs.dedup();
    // Lines closer than a label's height share the upper one's label.
    let mut records: Vec<RecordLine> = Vec::new();
    for r in recs.iter().rev() {
        let y = PLOT_H - scale.at(*r);
        let crowded = records.last().is_some_and(|l| y - l.y < 13.0);
        records.push(RecordLine {
            y,
            en: if crowded {
                String::new()
            } else {
                number_en(*r)
            },
            zh: if crowded {
                String::new()
            } else {
                number_zh(*r)
            },
        });
    }
    // The x axis is labelled with the articles' dates, skipping any that
    // would overlap the previous label.
    let mut x_ticks: Vec<Tick> = Vec::new();
    let mut dates: Vec<Ymd> = points.iter().filter_map(|p| p.date).collect();
    dates.sort();
    dates.dedup();
    for d in dates {
        let x = x_of(day(&d));
        if x_ticks.last().is_none_or(|t| x - t.at > 70.0) {
            x_ticks.push(Tick {
                at: x,
                en: d.iso(),
                zh: d.iso(),
            });
        }
    }
    let y_ticks = scale
        .ticks()
        .into_iter()
        .map(|t| Tick {
            at: PLOT_H - t.at,
            ..t
        })
        .collect();
    Some(Timeline {
        width: WIDTH,
        height: TOP + PLOT_H + 34.0,
        left: LEFT,
        top: TOP,
        plot_w,
        plot_h: PLOT_H,
        points: out,
        records,
        y_ticks,
        x_ticks,
    })
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

/// The compare chart as inline SVG, in a `<figure>` with a caption; `id`
/// prefixes the ids its `<title>` and `<desc>` are referred to by.
///
/// A briefing draws one of these with a row per claim; written through
/// Tera they cost more than the rest of the page, so this one chart's
/// markup lives here (the verdicts chart stays in a template). Every
/// text is escaped.
pub fn compare_svg(c: &Compare, i: &I18n, id: &str) -> String {
    let t = |lang: &str, key: &str| i.t(lang, key, &[]);
    let (claimed_zh, claimed_en) = (t("zh", "chart-claimed"), t("en", "chart-claimed"));
    let (recorded_zh, recorded_en) = (t("zh", "chart-recorded"), t("en", "chart-recorded"));
    let no_record = i.both("chart-no-record", &[]);
    let mut o = String::with_capacity(1200 + c.rows.len() * 900);
    open_figure(
        &mut o,
        "chart-compare",
        id,
        (c.width, c.height),
        &i.both("chart-compare-title", &[]),
    );
    for r in &c.rows {
        esc(&mut o, &r.label);
        o.push_str(": ");
        esc(&mut o, &claimed_zh);
        o.push(' ');
        esc(&mut o, &r.claimed_zh);
        if let Some(v) = &r.recorded_zh {
            o.push(',');
            esc(&mut o, &recorded_zh);
            o.push(' ');
            esc(&mut o, v);
        }
        o.push_str(" / ");
        esc(&mut o, &claimed_en);
        o.push(' ');
        esc(&mut o, &r.claimed_en);
        if let Some(v) = &r.recorded_en {
            o.push_str(", ");
            esc(&mut o, &recorded_en);
            o.push(' ');
            esc(&mut o, v);
        }
        o.push_str(". ");
    }
    o.push_str("</desc>\n");
    let (left, top, bar_h) = (c.left, c.top, c.bar_h);
    for tk in &c.ticks {
        let x = left + tk.at;
        let _ = write!(
            o,
            "<line class=\"grid\" x1=\"{x}\" x2=\"{x}\" y1=\"{top}\" y2=\"{}\"/>\n<text class=\"tick\" x=\"{x}\" y=\"{}\" text-anchor=\"middle\">",
            top + c.plot_h,
            top + c.plot_h + 16.0
        );
        esc(&mut o, &tk.en);
        o.push_str("</text>\n");
    }
    o.push('\n');
    for r in &c.rows {
        let _ = write!(
            o,
            "<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">",
            left - 10.0,
            r.y + bar_h + 3.0
        );
        esc(&mut o, &r.label);
        o.push_str("</text>\n<rect class=\"claimed v-");
        esc(&mut o, &r.verdict);
        let _ = write!(
            o,
            "\" x=\"{left}\" y=\"{}\" width=\"{}\" height=\"{bar_h}\" rx=\"2\"><title>",
            r.y + 4.0,
            r.claimed_w
        );
        title_pair(
            &mut o,
            &claimed_zh,
            &r.claimed_zh,
            &claimed_en,
            &r.claimed_en,
        );
        let _ = write!(
            o,
            "</title></rect>\n<text class=\"value\" x=\"{}\" y=\"{}\">",
            left + r.claimed_w + 6.0,
            r.y + 4.0 + bar_h - 3.0
        );
        esc(&mut o, &r.claimed_en);
        o.push_str("</text>\n");
        let value_y = r.y + 6.0 + bar_h * 2.0 - 7.0;
        match (r.recorded_w, &r.recorded_zh, &r.recorded_en) {
            (Some(w), Some(zh), Some(en)) => {
                let _ = write!(
                    o,
                    "<rect class=\"recorded\" x=\"{left}\" y=\"{}\" width=\"{w}\" height=\"{}\" rx=\"2\"><title>",
                    r.y + 6.0 + bar_h,
                    bar_h - 4.0
                );
                title_pair(&mut o, &recorded_zh, zh, &recorded_en, en);
                let _ = write!(
                    o,
                    "</title></rect>\n<text class=\"value muted\" x=\"{}\" y=\"{value_y}\">",
                    left + w + 6.0
                );
                esc(&mut o, en);
                o.push_str("</text>");
            }
            _ => {
                let _ = write!(
                    o,
                    "<text class=\"value muted\" x=\"{}\" y=\"{value_y}\">",
                    left + 4.0
                );
                esc(&mut o, &no_record.zh);
                o.push_str(" · ");
                esc(&mut o, &no_record.en);
                o.push_str("</text>");
            }
        }
        o.push('\n');
    }
    o.push_str("\n</svg>\n<figcaption><span class=\"key claimed\"></span>");
    both(&mut o, &i.both("chart-claimed-key", &[]));
    o.push_str(" <span class=\"key recorded\"></span>");
    both(&mut o, &i.both("chart-recorded-key", &[]));
    o.push_str(" <span class=\"scale\">");
    both(&mut o, &i.both("chart-log-note", &[]));
    o.push_str("</span></figcaption>\n</figure>");
    o
}

/// Opens a chart: `<figure class="chart {class}">`, the `<svg>` of `size`
/// labelled by its title and description, and the `<title>` in both
/// languages; leaves the `<desc>` open for the caller's text.
fn open_figure(o: &mut String, class: &str, id: &str, size: (f64, f64), title: &Text) {
    let _ = write!(
        o,
        "<figure class=\"chart {class}\">\n<svg role=\"img\" aria-labelledby=\"{id}-t {id}-d\" viewBox=\"0 0 {} {}\" preserveAspectRatio=\"xMinYMin meet\">\n<title id=\"{id}-t\">",
        size.0, size.1
    );
    esc(o, &title.zh);
    o.push_str(" / ");
    esc(o, &title.en);
    let _ = write!(o, "</title>\n<desc id=\"{id}-d\">");
}

/// `<label zh> <value zh> / <label en> <value en>`, escaped: a bar's tooltip.
fn title_pair(o: &mut String, label_zh: &str, zh: &str, label_en: &str, en: &str) {
    esc(o, label_zh);
    o.push(' ');
    esc(o, zh);
    o.push_str(" / ");
    esc(o, label_en);
    o.push(' ');
    esc(o, en);
}

/// An entity's timeline as inline SVG in a `<figure>` (see
/// [`compare_svg`] for why the markup is written here): a dot per claim
/// linking to it, dashed lines for the record, both languages in the
/// `<title>`, `<desc>` and caption. `name` is the entity's name.
pub fn timeline_svg(c: &Timeline, i: &I18n, name: &str, id: &str) -> String {
    let t = |lang: &str, key: &str| i.t(lang, key, &[]);
    let (claimed_zh, claimed_en) = (t("zh", "chart-claimed"), t("en", "chart-claimed"));
    let (recorded_zh, recorded_en) = (t("zh", "chart-recorded"), t("en", "chart-recorded"));
    let mut verdicts: Vec<(&str, String, String)> = Vec::new();
    for p in &c.points {
        if !verdicts.iter().any(|v| v.0 == p.verdict) {
            let key = format!("verdict-{}", p.verdict);
            verdicts.push((&p.verdict, t("zh", &key), t("en", &key)));
        }
    }
    let label = |v: &str| {
        verdicts
            .iter()
            .find(|x| x.0 == v)
            .map(|x| (x.1.as_str(), x.2.as_str()))
            .unwrap_or_default()
    };
    let mut o = String::with_capacity(2000 + c.points.len() * 700);
    open_figure(
        &mut o,
        "chart-timeline",
        id,
        (c.width, c.height),
        &i.both("chart-timeline-title", &[("name", name.into())]),
    );
    for p in &c.points {
        esc(&mut o, &p.date);
        o.push_str(" #");
        esc(&mut o, &p.label);
        o.push_str(": ");
        esc(&mut o, &claimed_zh);
        o.push(' ');
        esc(&mut o, &p.claimed_zh);
        o.push_str(" / ");
        esc(&mut o, &claimed_en);
        o.push(' ');
        esc(&mut o, &p.claimed_en);
        o.push_str(" (");
        esc(&mut o, label(&p.verdict).1);
        o.push_str("). ");
    }
    for r in c.records.iter().filter(|r| !r.en.is_empty()) {
        esc(&mut o, &recorded_zh);
        o.push(' ');
        esc(&mut o, &r.zh);
        o.push_str(" / ");
        esc(&mut o, &recorded_en);
        o.push(' ');
        esc(&mut o, &r.en);
        o.push_str(". ");
    }
    let _ = write!(
        o,
        "</desc>\n<g transform=\"translate({} {})\">\n",
        c.left, c.top
    );
    let (w, h) = (c.plot_w, c.plot_h);
    for tk in &c.y_ticks {
        let _ = write!(
            o,
            "<line class=\"grid\" x1=\"0\" x2=\"{w}\" y1=\"{at}\" y2=\"{at}\"/>\n<text class=\"tick\" x=\"-8\" y=\"{}\" text-anchor=\"end\">",
            tk.at + 4.0,
            at = tk.at
        );
        esc(&mut o, &tk.en);
        o.push_str("</text>\n");
    }
    o.push('\n');
    for tk in &c.x_ticks {
        let _ = write!(
            o,
            "<text class=\"tick\" x=\"{at}\" y=\"{}\" text-anchor=\"middle\">",
            h + 18.0,
            at = tk.at
        );
        esc(&mut o, &tk.en);
        let _ = write!(
            o,
            "</text>\n<line class=\"grid\" x1=\"{at}\" x2=\"{at}\" y1=\"{h}\" y2=\"{}\"/>\n",
            h + 5.0,
            at = tk.at
        );
    }
    let _ = writeln!(
        o,
        "\n<line class=\"axis\" x1=\"0\" x2=\"{w}\" y1=\"{h}\" y2=\"{h}\"/>"
    );
    for r in &c.records {
        let _ = writeln!(
            o,
            "<line class=\"record\" x1=\"0\" x2=\"{w}\" y1=\"{y}\" y2=\"{y}\"/>",
            y = r.y
        );
        if !r.en.is_empty() {
            let _ = write!(
                o,
                "<text class=\"record-label\" x=\"{}\" y=\"{}\">",
                w + 6.0,
                r.y + 4.0
            );
            esc(&mut o, &recorded_zh);
            o.push_str(" · ");
            esc(&mut o, &recorded_en);
            o.push(' ');
            esc(&mut o, &r.en);
            o.push_str("</text>");
        }
        o.push('\n');
    }
    o.push('\n');
    for p in &c.points {
        o.push_str("<a href=\"");
        esc(&mut o, &p.href);
        o.push_str("\"><circle class=\"v-");
        esc(&mut o, &p.verdict);
        let _ = write!(o, "\" cx=\"{}\" cy=\"{}\" r=\"7\"><title>", p.x, p.y);
        esc(&mut o, &p.date);
        o.push_str(" · ");
        title_pair(
            &mut o,
            &claimed_zh,
            &p.claimed_zh,
            &claimed_en,
            &p.claimed_en,
        );
        let (vzh, ven) = label(&p.verdict);
        o.push_str(" · ");
        esc(&mut o, vzh);
        o.push_str(" / ");
        esc(&mut o, ven);
        let _ = write!(
            o,
            "</title></circle>\n<text class=\"point-label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">",
            p.x,
            p.y - 11.0
        );
        esc(&mut o, &p.claimed_en);
        o.push_str("</text></a>\n");
    }
    o.push_str("\n</g>\n</svg>\n<figcaption>");
    both(&mut o, &i.both("chart-timeline-key", &[]));
    o.push_str(" <span class=\"scale\">");
    both(&mut o, &i.both("chart-log-note", &[]));
    o.push_str("</span></figcaption>\n</figure>");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(claimed: f64, recorded: Option<f64>, date: Option<&str>) -> Point {
        Point {
            label: "x".into(),
            claimed,
            recorded,
            verdict: "supported".into(),
            date: date.and_then(super::super::format::parse_date),
            href: String::new(),
        }
    }

    #[test]
    fn log_scale_orders_bars_and_encloses_values() {
        let c = compare(&[p(2000.0, Some(2048.0), None), p(200_000.0, None, None)]).unwrap();
        assert!(c.rows[1].claimed_w > c.rows[0].claimed_w);
        // 1,000 … 1,000,000: the decades around the values, not from 1.
        assert_eq!(c.ticks.first().unwrap().en, "1,000");
        assert_eq!(c.ticks.last().unwrap().en, "1,000,000");
        assert!(c.rows[1].claimed_w <= c.plot_w);
        assert!(compare(&[]).is_none());
    }

    #[test]
    fn timeline_places_later_claims_right_and_bigger_counts_higher() {
        let t = timeline(
            &[
                p(2000.0, None, Some("2025-01-20")),
                p(50_000.0, None, Some("2025-06-01")),
            ],
            &[2048.0],
        )
        .unwrap();
        assert!(t.points[1].x > t.points[0].x);
        assert!(t.points[1].y < t.points[0].y);
        assert_eq!(t.records.len(), 1);
    }

    #[test]
    fn verdict_bars_scale_to_the_largest() {
        let v = verdicts(&[("supported".into(), 4), ("contradicted".into(), 2)]);
        assert!((v.bars[0].w - 2.0 * v.bars[1].w).abs() < 1e-9);
        assert_eq!(v.total, 6);
    }
}
