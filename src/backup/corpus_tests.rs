//! Every file of the bad-backup corpus (`tests/fixtures/backup/bad/`) is refused with the
//! problem its manifest names, at the place it names.

use std::collections::BTreeMap;

use super::format::read;

#[derive(serde::Deserialize)]
struct Expected {
    place: String,
    kind: String,
}

fn kind(what: &super::problem::What) -> String {
    let debug = format!("{what:?}");
    debug
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn every_bad_file_is_refused_with_its_own_problem() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/backup/bad");
    let manifest = std::fs::read_to_string(format!("{dir}/expected.json")).unwrap();
    let expected: BTreeMap<String, Expected> = serde_json::from_str(&manifest).unwrap();
    assert!(
        expected.len() >= 40,
        "the corpus has {} files",
        expected.len()
    );
    for (name, want) in &expected {
        let bytes = std::fs::read(format!("{dir}/{name}")).unwrap();
        let problems = read(&bytes).expect_err(name);
        let first = &problems[0];
        assert_eq!(
            (first.place.as_str(), kind(&first.what).as_str()),
            (want.place.as_str(), want.kind.as_str()),
            "{name}: {problems:?}"
        );
    }
}

#[test]
fn ten_megabytes_of_nested_lists_are_refused_quickly_and_whole() {
    let sample = include_str!("../../tests/fixtures/backup/v1-sample.json");
    let depth = 5_000_000;
    let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let text = sample.replacen(r#""products":["#, &format!(r#""products":[{nested},"#), 1);
    let problems = read(text.as_bytes()).unwrap_err();
    assert_eq!(kind(&problems[0].what), "TooDeep", "{problems:?}");
}
