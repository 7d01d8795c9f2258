use serde_json::Value;

use crate::util::{code, fixture, museum, stderr, stdout};

fn search_json(args: &[&str]) -> Value {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let o = museum(&all);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap()
}

fn ids(v: &Value) -> Vec<String> {
    v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["record"]["id"].as_str().unwrap().to_owned())
        .collect()
}

/// A Cyrillic query finds the Latin record, and a Latin query the Cyrillic one.
#[test]
fn any_script_finds_any_script() {
    let dir = fixture("dedup");
    let v = search_json(&["Букейханов", dir.to_str().unwrap()]);
    let found = ids(&v);
    assert!(found.contains(&"vic-002".to_owned()), "{v:#}"); // Bukeikhanov Alikhan
    assert!(found.contains(&"vic-001".to_owned()));
    assert!(found.contains(&"fig-bukeikhanov".to_owned()));
    assert!(!found.contains(&"vic-009".to_owned()));

    let v = search_json(&["Ilyas Zhansugurov", dir.to_str().unwrap()]);
    let found = ids(&v);
    assert!(found.contains(&"vic-004".to_owned()), "{v:#}"); // Джансугуров Ильяс
    assert!(found.contains(&"fig-zhansugurov".to_owned()));
    assert_eq!(found.len(), 3, "{v:#}");
}

#[test]
fn results_are_ranked_with_why() {
    let dir = fixture("dedup");
    let v = search_json(&["Ахметов Ахмет", dir.to_str().unwrap(), "--born", "1900"]);
    let first = &v["results"][0];
    assert_eq!(first["record"]["id"], "vic-006", "{v:#}");
    assert_eq!(first["record"]["line"], 7);
    assert!(
        first["record"]["file"]
            .as_str()
            .unwrap()
            .ends_with("victims.csv")
    );
    assert_eq!(first["why"]["birth_year_difference"], 0);
    assert_eq!(first["why"]["parts"][0]["part"], "surname");
    assert_eq!(first["why"]["parts"][0]["how"], "same");
    // Scores never increase down the list.
    let scores: Vec<f64> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["score"].as_f64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

/// Figures are searchable by every spelling they list.
#[test]
fn figure_variants_are_searchable() {
    let dir = fixture("dedup");
    let v = search_json(&["Tschokai", dir.to_str().unwrap()]);
    assert_eq!(ids(&v), vec!["fig-shokay".to_owned()], "{v:#}");
}

/// Without a path the archive's `datasets/` is searched.
#[test]
fn default_path_is_the_archive() {
    let v = search_json(&["Жансүгіров"]);
    let found = ids(&v);
    assert!(found.contains(&"fig-zhansugurov".to_owned()), "{v:#}");
}

#[test]
fn human_output_and_nothing_found() {
    let dir = fixture("dedup");
    let o = museum(&["search", "Bukeikhanov", dir.to_str().unwrap()]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    assert!(out.contains(" 1. "), "{out}");
    assert!(out.contains("surname Bukeikhanov ~"), "{out}");
    let o = museum(&["search", "Xyzzyqwerty", dir.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("no record matches"));
    let o = museum(&["search", "Bukeikhanov", "/nonexistent/dir"]);
    assert_eq!(code(&o), 2);
}
