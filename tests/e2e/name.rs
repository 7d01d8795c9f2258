use serde_json::Value;

use crate::util::{code, museum, stderr, stdout};

#[test]
fn kazakh_name_human() {
    let o = museum(&["name", "Бөкейханов Әлихан Нұрмұхамедұлы"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("kazakh_cyrillic"), "{out}");
    assert!(out.contains("folded bokeihanov"), "{out}");
    assert!(out.contains("stem bokeihan"), "{out}");
    assert!(out.contains("phonetic PKHN"), "{out}");
    assert!(out.contains("stem nurmuhamed"), "{out}");
    assert!(out.contains("(kazakh form)"), "{out}");
}

/// The Russian form and the romanizations give the keys of the Kazakh form.
#[test]
fn json_keys_agree_across_scripts() {
    let keys = |name: &str| -> Value {
        let o = museum(&["name", name, "--format", "json"]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        serde_json::from_str::<Value>(&stdout(&o)).unwrap()["keys"].clone()
    };
    let kk = keys("Бөкейханов Әлихан Нұрмұхамедұлы");
    let ru = keys("Букейханов Алихан Нурмухамедович");
    let en = keys("Alikhan Bukeikhanov");
    assert_eq!(kk["surname"]["phonetic"], ru["surname"]["phonetic"]);
    assert_eq!(kk["surname"]["phonetic"], en["surname"]["phonetic"]);
    assert_eq!(kk["given"]["folded"], en["given"]["folded"]);
    assert_eq!(kk["patronymic"]["stem"], ru["patronymic"]["stem"]);
    // German `ch` may be х: two phonetic codes, one of them the Kazakh form's.
    let de = keys("Bökeichan");
    let codes = de["surname"]["phonetic"].as_array().unwrap();
    assert!(codes.contains(&kk["surname"]["phonetic"][0]), "{de}");
}

#[test]
fn json_shape() {
    let o = museum(&["name", "А. Н. Байтурсынов", "--format", "json"]);
    assert_eq!(code(&o), 0);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["input"], "А. Н. Байтурсынов");
    assert_eq!(v["parsed"]["surname"], "Байтурсынов");
    assert_eq!(v["keys"]["given"]["is_initial"], true);
    assert_eq!(v["keys"]["surname"]["stem"], "baitursin");
}
