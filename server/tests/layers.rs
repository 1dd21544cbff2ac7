//! The server's layers, read from its own source: every `crate::…` and `super::…` path in
//! `server/src` is resolved to the module it names, and
//! 1. no module imports one that imports it back, through any chain (no cycles);
//! 2. every import goes down or sideways in DESIGN.md §5's order:
//!    leaves → storage → workflow and access → HTTP, jobs and the demo loader;
//! 3. storage, jobs, mail and the demo loader never name the HTTP error type.

// A panic is how this test reports a broken assumption.
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layer of each top-level module: imports may only go to the same or a lower number.
fn layer(module: &str) -> u8 {
    let top = module.split("::").next().unwrap();
    match top {
        "clock" | "crypto" | "telemetry" | "config" | "knowledge" | "documents" | "passwords"
        | "totp" | "listen" | "letters" | "recent" | "stopping" | "trace" | "measure" => 0,
        "store" => 1,
        "workflow" | "access" | "mail" | "expected" => 2,
        "jobs" | "demo" | "error" | "http" | "backup" => 3,
        other => panic!("module {other} has no layer: add it to tests/layers.rs"),
    }
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// `src/http/cases.rs` → `http::cases`; `src/store/mod.rs` → `store`; `src/lib.rs` → ``.
fn module_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts.join("::")
}

/// The paths a file names: `crate::a::b::c` as `a::b::c`, `super::x` made absolute.
fn named_paths(module: &str, text: &str) -> Vec<String> {
    let mut paths = Vec::new();
    let code: String = text
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    for (prefix, base) in [("crate::", String::new()), ("super::", parent(module))] {
        let mut rest = code.as_str();
        while let Some(at) = rest.find(prefix) {
            let before = rest[..at].chars().last();
            rest = &rest[at + prefix.len()..];
            // `$crate::` and identifiers ending in "crate" are not this crate's paths.
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$' || c == ':') {
                continue;
            }
            let path: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let path = path.trim_end_matches(':');
            if !path.is_empty() {
                paths.push(if base.is_empty() {
                    path.to_owned()
                } else {
                    format!("{base}::{path}")
                });
            }
        }
    }
    paths
}

fn parent(module: &str) -> String {
    module
        .rsplit_once("::")
        .map_or(String::new(), |(p, _)| p.to_owned())
}

/// The longest known module that `path` starts with.
fn resolve<'m>(modules: &'m BTreeSet<String>, path: &str) -> Option<&'m String> {
    let parts: Vec<&str> = path.split("::").collect();
    (1..=parts.len())
        .rev()
        .map(|n| parts[..n].join("::"))
        .find_map(|candidate| modules.get(&candidate))
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src =
        Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
            .join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(&src, f)).collect();
    let mut edges = BTreeMap::new();
    for file in &files {
        let module = module_of(&src, file);
        if module.is_empty() || module == "main" {
            continue; // the crate root wires everything together
        }
        let text = std::fs::read_to_string(file).unwrap();
        let targets: BTreeSet<String> = named_paths(&module, &text)
            .iter()
            .filter_map(|path| resolve(&modules, path))
            .filter(|target| !target.is_empty() && **target != module)
            .cloned()
            .collect();
        edges.insert(module, targets);
    }
    edges
}

/// One cycle through `start`, if there is one.
fn cycle_from(edges: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_owned(), vec![start.to_owned()])];
    let mut seen = BTreeSet::new();
    while let Some((at, path)) = stack.pop() {
        for next in edges.get(&at).into_iter().flatten() {
            if next == start {
                let mut cycle = path.clone();
                cycle.push(start.to_owned());
                return Some(cycle);
            }
            if seen.insert(next.clone()) {
                let mut longer = path.clone();
                longer.push(next.clone());
                stack.push((next.clone(), longer));
            }
        }
    }
    None
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let edges = graph();
    assert!(edges.len() > 20, "read {} modules", edges.len());
    let cycles: Vec<String> = edges
        .keys()
        .filter_map(|module| cycle_from(&edges, module))
        .map(|cycle| cycle.join(" → "))
        .collect();
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn imports_go_down_the_layers() {
    let edges = graph();
    let upward: Vec<String> = edges
        .iter()
        .flat_map(|(from, targets)| {
            targets
                .iter()
                .filter(|to| layer(to) > layer(from))
                .map(move |to| {
                    format!(
                        "{from} (layer {}) → {to} (layer {})",
                        layer(from),
                        layer(to)
                    )
                })
        })
        .collect();
    assert!(
        upward.is_empty(),
        "imports that go up:\n{}",
        upward.join("\n")
    );
}

#[test]
fn storage_jobs_mail_and_demo_do_not_know_the_http_error() {
    let edges = graph();
    for (module, targets) in &edges {
        let top = module.split("::").next().unwrap();
        if matches!(
            top,
            "store" | "jobs" | "mail" | "demo" | "workflow" | "access"
        ) {
            assert!(
                !targets.contains("error"),
                "{module} imports the HTTP error type"
            );
        }
    }
}

#[test]
fn the_reader_sees_a_cycle_when_there_is_one() {
    let mut edges = BTreeMap::new();
    edges.insert("a".to_owned(), BTreeSet::from(["b".to_owned()]));
    edges.insert("b".to_owned(), BTreeSet::from(["c".to_owned()]));
    edges.insert("c".to_owned(), BTreeSet::from(["a".to_owned()]));
    assert_eq!(cycle_from(&edges, "a").unwrap(), ["a", "b", "c", "a"]);
    assert_eq!(
        named_paths("http::cases", "use super::extract::Authorised;\nuse crate::store::cases::{self, CaseRow};\n// crate::ignored"),
        ["store::cases::", "http::extract::Authorised"]
            .map(|p| p.trim_end_matches(':').to_owned())
    );
}
