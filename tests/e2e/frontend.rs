//! The frontends' side of the contract, checked with the JavaScript tools a frontend uses (issue
//! 23): Ajv 8 compiles every schema in its default strict mode and accepts every exported record
//! of `datasets/` and of a synthetic list; `schemas/museum.d.ts` type-checks with `tsc --strict`
//! and matches the types `json-schema-to-typescript` derives from the same schemas; the README's
//! TypeScript example type-checks against it. The npm packages are installed (pinned) into
//! `target/js-clients` on first use; without Node.js the tests say so and pass.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{code, museum, root, stderr};

/// Pinned versions of the JavaScript clients.
const PACKAGES: &[&str] = &[
    "ajv@8.20.0",
    "ajv-formats@3.0.1",
    "json-schema-to-typescript@16.0.0",
    "typescript@5.9.3",
];

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The directory with the npm packages installed, or `None` (said on stderr) without `node` and
/// `npm`.
#[allow(clippy::print_stderr)]
fn js_clients() -> Option<PathBuf> {
    use std::sync::Mutex;
    static LOCK: Mutex<()> = Mutex::new(());
    let _guard = LOCK
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let has = |tool: &str| {
        Command::new(tool)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !has("node") || !has("npm") {
        eprintln!(
            "skipped: Node.js (`node` and `npm`) is not installed; `.ci/run` installs it with apt-get"
        );
        return None;
    }
    let dir = root().join("target/js-clients");
    let stamp = dir.join(format!(
        "installed-{}",
        PACKAGES.join("+").replace('/', "_")
    ));
    if !stamp.exists() {
        std::fs::create_dir_all(&dir).unwrap();
        if !dir.join("package.json").exists() {
            std::fs::write(
                dir.join("package.json"),
                "{\"name\": \"museum-js-clients\", \"private\": true, \"type\": \"module\"}\n",
            )
            .unwrap();
        }
        let o = Command::new("npm")
            .args([
                "install",
                "--no-audit",
                "--no-fund",
                "--save-exact",
                "--loglevel=error",
            ])
            .args(PACKAGES)
            .current_dir(&dir)
            .output()
            .expect("npm install");
        assert!(
            o.status.success(),
            "npm install {PACKAGES:?} failed:\n{}",
            String::from_utf8_lossy(&o.stderr)
        );
        std::fs::write(&stamp, "").unwrap();
    }
    Some(dir)
}

/// Runs `node script args…` in `dir`; returns stdout, failing with its output.
fn node(dir: &Path, script: &str, args: &[&str]) -> String {
    static RUN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = RUN.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = dir.join(format!("check-{}-{n}.mjs", std::process::id()));
    std::fs::write(&path, script).unwrap();
    let o = Command::new("node")
        .arg(&path)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("node");
    let _ = std::fs::remove_file(&path);
    assert!(
        o.status.success(),
        "node failed:\n{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).trim().to_owned()
}

/// Ajv: compiles every schema in strict mode (a strict-mode warning fails too), then validates
/// every record of the JSON Lines exports (`dir…`, each file against the schema its manifest
/// names) and of a bundle (`bundle.json`, against `bundle.schema.json`), and checks that a
/// broken record is rejected.
const AJV_MJS: &str = r#"
import fs from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
const [schemasDir, ...targets] = process.argv.slice(2);
const warnings = [];
const logger = { log() {}, warn: (...m) => warnings.push(m.join(" ")), error: (...m) => warnings.push(m.join(" ")) };
const ajv = new Ajv2020({ logger, allErrors: true });
addFormats(ajv);
const files = fs.readdirSync(schemasDir).filter((f) => f.endsWith(".schema.json")).sort();
const byFile = {};
for (const f of files) {
  const schema = JSON.parse(fs.readFileSync(path.join(schemasDir, f), "utf8"));
  ajv.addSchema(schema);
  byFile[f] = schema.$id;
}
for (const f of files) {
  try {
    ajv.getSchema(byFile[f]);
  } catch (e) {
    throw new Error(`${f} does not compile in strict mode: ${e.message}`);
  }
}
if (warnings.length) throw new Error(`strict mode warnings:\n${warnings.join("\n")}`);
const report = [`compiled=${files.length}`];
const check = (schemaFile, record, where) => {
  const validate = ajv.getSchema(byFile[schemaFile]);
  if (!validate(record)) throw new Error(`${where} rejected by ${schemaFile}: ${ajv.errorsText(validate.errors)}`);
  const broken = structuredClone(record);
  delete broken.id;
  if (schemaFile !== "bundle.schema.json" && validate(broken)) throw new Error(`${where} without id was accepted`);
};
for (const target of targets) {
  if (target.endsWith(".json")) {
    check("bundle.schema.json", JSON.parse(fs.readFileSync(target, "utf8")), target);
    report.push("bundle=ok");
    continue;
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(target, "manifest.json"), "utf8"));
  let n = 0;
  for (const f of manifest.files) {
    const lines = fs.readFileSync(path.join(target, f.path), "utf8").split("\n").filter(Boolean);
    lines.forEach((l, i) => check(f.schema, JSON.parse(l), `${f.path}:${i + 1}`));
    n += lines.length;
  }
  report.push(`records=${n}`);
}
console.log(report.join(" "));
"#;

#[test]
fn ajv_compiles_every_schema_strictly_and_accepts_every_exported_record() {
    let Some(js) = js_clients() else { return };
    let dir = tempfile::tempdir().unwrap();
    // The museum's own data (the public, redacted export) and a synthetic list.
    let datasets = dir.path().join("datasets-jsonl");
    let o = museum(&[
        "export",
        s(&root().join("datasets")),
        "--format",
        "jsonl",
        "-o",
        s(&datasets),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let bundle = dir.path().join("datasets.json");
    let o = museum(&[
        "export",
        s(&root().join("datasets")),
        "--no-redact",
        "-o",
        s(&bundle),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let synth = dir.path().join("synth");
    let o = museum(&[
        "synth",
        "--victims",
        "400",
        "--seed",
        "23",
        "--out",
        s(&synth),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let synth_jsonl = dir.path().join("synth-jsonl");
    let o = museum(&[
        "export",
        s(&synth),
        "--format",
        "jsonl",
        "--allow-errors",
        "--no-redact",
        "-o",
        s(&synth_jsonl),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let report = node(
        &js,
        AJV_MJS,
        &[
            s(&root().join("schemas")),
            s(&datasets),
            s(&bundle),
            s(&synth_jsonl),
        ],
    );
    let schemas = std::fs::read_dir(root().join("schemas"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".schema.json")
        })
        .count();
    assert!(
        report.starts_with(&format!("compiled={schemas} records=")),
        "{report}"
    );
    assert!(report.contains("bundle=ok"), "{report}");
    // Every synthetic record was checked: 400 victims plus the sources.
    let synth_records: usize = report.rsplit("records=").next().unwrap().parse().unwrap();
    assert!(synth_records > 400, "{report}");
}

/// `tsc --strict` over `museum.d.ts`, the types `json-schema-to-typescript` derives from each
/// schema, a check that both say the same (each type assignable to the other), and the README's
/// example.
#[test]
fn typescript_declarations_match_the_schemas_and_the_readme_example_type_checks() {
    let Some(js) = js_clients() else { return };
    let work = js.join(format!("tsc-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).unwrap();
    let schemas = root().join("schemas");
    // The committed declarations are what `museum schema` generates.
    let o = museum(&["schema", "--check"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));

    // json-schema-to-typescript's types of each entity schema.
    let json2ts = r#"
import fs from "node:fs";
import path from "node:path";
import { compileFromFile } from "json-schema-to-typescript";
const [schemasDir, out] = process.argv.slice(2);
const titles = [];
for (const f of fs.readdirSync(schemasDir).filter((f) => f.endsWith(".schema.json")).sort()) {
  const schema = JSON.parse(fs.readFileSync(path.join(schemasDir, f), "utf8"));
  const ts = await compileFromFile(path.join(schemasDir, f), {
    cwd: schemasDir, additionalProperties: false, bannerComment: "", format: false,
  });
  fs.writeFileSync(path.join(out, f.replace(".schema.json", ".ts")), ts);
  titles.push(`${f.replace(".schema.json", "")}:${schema.title}`);
}
console.log(titles.join(" "));
"#;
    let titles = node(&js, json2ts, &[s(&schemas), s(&work)]);
    let mut check = format!(
        "import type * as Ours from {:?};\n\
         type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;\n",
        s(&schemas.join("museum"))
    );
    for pair in titles.split_whitespace() {
        let (file, title) = pair.split_once(':').unwrap();
        check.push_str(&format!(
            "import type {{ {title} as Theirs{title} }} from \"./{file}\";\n\
             export const same{title}: Same<Ours.{title}, Theirs{title}> = true;\n"
        ));
    }
    std::fs::write(work.join("same.ts"), &check).unwrap();

    // The README's example for frontend developers, its imports pointed at this checkout.
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme.find("```ts\n").expect("README has a ```ts example");
    let body = &readme[start + 6..];
    let example = &body[..body.find("```").unwrap()];
    assert!(example.lines().count() <= 12, "{example}");
    let example = example.replace("./schemas/", &format!("{}/", s(&schemas)));
    std::fs::write(work.join("example.ts"), example).unwrap();

    let o = Command::new(js.join("node_modules/.bin/tsc"))
        .args([
            "--strict",
            "--noEmit",
            "--target",
            "es2022",
            "--module",
            "esnext",
            "--moduleResolution",
            "bundler",
            "--resolveJsonModule",
            "--lib",
            "es2022,dom",
        ])
        .arg(schemas.join("museum.d.ts"))
        .arg(work.join("same.ts"))
        .arg(work.join("example.ts"))
        .current_dir(&work)
        .output()
        .expect("tsc");
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    let _ = std::fs::remove_dir_all(&work);
    assert!(o.status.success(), "tsc failed:\n{out}\n{check}");
    assert!(titles.contains("victim:Victim"), "{titles}");
}
