//! `factbrief extract`: fact files on stdout, one YAML document per article
//! (or one JSON array with `--format json`).

use super::{data_args, load_dataset, Exit, Reporter};
use crate::article::{self, Limits};
use crate::cli::{ExtractArgs, ExtractFormat};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::FactFile;
use crate::pipeline::Pipeline;
use crate::slug::SlugRegistry;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

pub fn run(args: &ExtractArgs, config: &Config, r: Reporter) -> Exit {
    let dataset = match load_dataset(&data_args(&args.data, config), r) {
        Ok(d) => d,
        Err(e) => return e,
    };
    let limits = Limits {
        max_bytes: args.limits.max_article_bytes,
    };
    let mut pipeline = Pipeline::new(&dataset, limits);
    config.tolerance.apply(&mut pipeline.tolerance);
    let mut slugs = SlugRegistry::default();
    let mut diags = Vec::new();
    let mut facts: Vec<FactFile> = Vec::new();
    let mut unreadable = false;

    for path in &args.paths {
        if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            if let Err(e) = std::io::stdin()
                .take(limits.max_bytes + 1)
                .read_to_end(&mut bytes)
            {
                r.emit(&Diagnostic::error(format!(
                    "cannot read standard input: {e}"
                )));
                unreadable = true;
                continue;
            }
            if bytes.len() as u64 > limits.max_bytes {
                r.emit(
                    &Diagnostic::error("standard input is over the article size limit")
                        .at_path("<stdin>"),
                );
                unreadable = true;
                continue;
            }
            match article::parse(Path::new("<stdin>"), bytes) {
                Ok(a) => facts.push(pipeline.process(a, &mut slugs, &mut diags).facts),
                Err(skip) => {
                    unreadable |= skip.unreadable;
                    diags.push(skip.diagnostic);
                }
            }
            continue;
        }
        let files: Vec<PathBuf> = match crate::source::scan(path) {
            Ok((files, warnings)) => {
                diags.extend(warnings);
                files
            }
            Err(d) => {
                diags.push(d);
                unreadable = true;
                continue;
            }
        };
        for f in files {
            match article::load(&f, limits) {
                Ok(a) => facts.push(pipeline.process(a, &mut slugs, &mut diags).facts),
                Err(skip) => {
                    unreadable |= skip.unreadable;
                    diags.push(skip.diagnostic);
                }
            }
        }
    }
    for d in &diags {
        r.emit(d);
    }
    let out = match args.format {
        ExtractFormat::Json => serde_json::to_string_pretty(&facts)
            .map(|s| s + "\n")
            .map_err(|e| e.to_string()),
        ExtractFormat::Yaml => facts
            .iter()
            .try_fold(String::new(), |mut out, f| {
                out.push_str("---\n");
                crate::render::yaml::push(&mut out, f).map(|()| out)
            })
            .map_err(|e| e.to_string()),
    };
    match out {
        Ok(text) => {
            let mut stdout = std::io::stdout().lock();
            if stdout
                .write_all(text.as_bytes())
                .and_then(|_| stdout.flush())
                .is_err()
            {
                return Exit::Fatal;
            }
        }
        Err(e) => {
            r.emit(&Diagnostic::error(format!(
                "cannot write the fact files: {e}"
            )));
            return Exit::Fatal;
        }
    }
    if unreadable {
        Exit::Fatal
    } else {
        Exit::Ok
    }
}
