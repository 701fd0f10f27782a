//! TEMPORARY placeholder on main until the `extract` branch is merged.
use crate::article::Article;
use crate::dataset::Dataset;
use crate::model::{Claim, EntityMentions, Quantity};

pub struct Extraction {
    pub claims: Vec<Claim>,
    pub quantities: Vec<Quantity>,
    pub entities: Vec<EntityMentions>,
}

pub struct Extractor;

impl Extractor {
    pub fn new(_ds: &Dataset) -> Self {
        Extractor
    }
    pub fn extract(&self, _a: &Article) -> Extraction {
        Extraction {
            claims: vec![],
            quantities: vec![],
            entities: vec![],
        }
    }
}
