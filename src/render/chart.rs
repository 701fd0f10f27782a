//! Chart geometry: where each bar goes. The SVG markup itself lives in the
//! templates (`_chart_log.html`, `_chart_bars.html`), so a newsroom can
//! restyle it without touching code; no JavaScript is involved.

use super::format::{number_en, number_zh};
use super::views::Label;
use serde::Serialize;

/// One claim: what the article says and what the record says.
pub struct Point {
    pub label: String,
    pub claimed: f64,
    pub recorded: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LogRow {
    pub label: String,
    pub y: f64,
    pub claimed_w: f64,
    pub claimed_en: String,
    pub claimed_zh: String,
    pub recorded_w: Option<f64>,
    pub recorded_en: Option<String>,
    pub recorded_zh: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Tick {
    pub x: f64,
    pub en: String,
    pub zh: String,
}

/// Claimed vs recorded accelerator counts, horizontal bars on a log scale.
#[derive(Debug, Clone, Serialize)]
pub struct LogChart {
    pub width: f64,
    pub height: f64,
    /// Left edge of the plot area (labels sit left of it).
    pub left: f64,
    pub plot_w: f64,
    pub rows: Vec<LogRow>,
    pub ticks: Vec<Tick>,
    pub row_h: f64,
}

const WIDTH: f64 = 640.0;
const LEFT: f64 = 190.0;
const ROW_H: f64 = 34.0;
const TOP: f64 = 24.0;

/// `None` when there is nothing to draw.
pub fn log_chart(points: &[Point]) -> Option<LogChart> {
    let points: Vec<&Point> = points.iter().filter(|p| p.claimed >= 1.0).collect();
    if points.is_empty() {
        return None;
    }
    let max = points
        .iter()
        .flat_map(|p| [Some(p.claimed), p.recorded])
        .flatten()
        .fold(1.0f64, f64::max);
    let decades = max.log10().ceil().max(1.0);
    let plot_w = WIDTH - LEFT - 70.0;
    let x = |v: f64| (v.max(1.0).log10() / decades) * plot_w;
    let rows = points
        .iter()
        .enumerate()
        .map(|(i, p)| LogRow {
            label: p.label.chars().take(28).collect(),
            y: TOP + i as f64 * ROW_H,
            claimed_w: x(p.claimed).max(1.0),
            claimed_en: number_en(p.claimed),
            claimed_zh: number_zh(p.claimed),
            recorded_w: p.recorded.map(|r| x(r).max(1.0)),
            recorded_en: p.recorded.map(number_en),
            recorded_zh: p.recorded.map(number_zh),
        })
        .collect();
    let ticks = (0..=decades as i32)
        .map(|d| {
            let v = 10f64.powi(d);
            Tick {
                x: x(v),
                en: number_en(v),
                zh: number_zh(v),
            }
        })
        .collect();
    Some(LogChart {
        width: WIDTH,
        height: TOP + points.len() as f64 * ROW_H + 24.0,
        left: LEFT,
        plot_w,
        rows,
        ticks,
        row_h: ROW_H,
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    pub verdict: Label,
    pub n: usize,
    pub x: f64,
    pub h: f64,
    pub y: f64,
}

/// Claims by verdict, vertical bars.
#[derive(Debug, Clone, Serialize)]
pub struct BarChart {
    pub width: f64,
    pub height: f64,
    pub bar_w: f64,
    pub base: f64,
    pub bars: Vec<Bar>,
}

pub fn verdict_bars(counts: &[(Label, usize)]) -> BarChart {
    let (width, height, base, bar_w) = (640.0, 220.0, 170.0, 84.0);
    let max = counts.iter().map(|c| c.1).max().unwrap_or(0).max(1) as f64;
    let bars = counts
        .iter()
        .enumerate()
        .map(|(i, (label, n))| {
            let h = (*n as f64 / max) * 130.0;
            Bar {
                verdict: label.clone(),
                n: *n,
                x: 30.0 + i as f64 * 120.0,
                h,
                y: base - h,
            }
        })
        .collect();
    BarChart {
        width,
        height,
        bar_w,
        base,
        bars,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_scale_orders_bars() {
        let c = log_chart(&[
            Point {
                label: "a".into(),
                claimed: 2000.0,
                recorded: Some(2048.0),
            },
            Point {
                label: "b".into(),
                claimed: 200_000.0,
                recorded: None,
            },
        ])
        .unwrap();
        assert!(c.rows[1].claimed_w > c.rows[0].claimed_w);
        assert_eq!(c.ticks.len(), 7); // 1 … 1,000,000
        assert!(log_chart(&[]).is_none());
    }
}
