//! English number words (stub; filled in below).

use super::value::V;
use super::HedgeKind;

#[derive(Debug, Clone, Copy)]
pub(crate) struct EnNum {
    pub end: usize,
    pub v: V,
    pub scale: Option<V>,
    pub hedge: Option<(HedgeKind, usize, usize)>,
    pub fraction: bool,
}

pub(crate) fn read(_t: &str, _i: usize) -> Option<EnNum> {
    None
}
