//! Writes each language's texts (`src/i18n/texts.rs`) to a file of its own, a line per key
//! in `Key::ALL`'s order, so the app downloads only the language it shows:
//! - `$OUT_DIR/texts/{fi,sv,en}.txt`, which the wasm tests include;
//! - `texts-{lang}-{content hash}.txt` beside the wasm cargo builds
//!   (`target/<target>/<profile>/texts/`), which `scripts/post-build` copies into the app.
//!
//! The app learns the hashed names from `KLEVER_TEXTS_FI`, `_SV` and `_EN`.

use std::{fs, path::PathBuf};

macro_rules! keys {
    ($($key:ident,)*) => {
        #[derive(Clone, Copy, Debug)]
        enum Key {
            $($key,)*
        }

        impl Key {
            const ALL: &'static [Key] = &[$(Key::$key,)*];
        }
    };
}

include!("keys.rs");
include!("texts.rs");
include!("shell.rs");

fn main() {
    println!("cargo:rerun-if-changed=src/i18n/keys.rs");
    println!("cargo:rerun-if-changed=src/i18n/texts.rs");
    println!("cargo:rerun-if-changed=src/i18n/shell.rs");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    // OUT_DIR is <target>/<target triple>/<profile>/build/kleverapp-<hash>/out.
    let beside_wasm = out
        .ancestors()
        .nth(3)
        .expect("OUT_DIR is inside the target folder")
        .join("texts");
    fs::create_dir_all(out.join("texts")).unwrap();
    fs::create_dir_all(&beside_wasm).unwrap();
    for old in fs::read_dir(&beside_wasm).unwrap().flatten() {
        let _ = fs::remove_file(old.path());
    }

    for (n, tag) in ["fi", "sv", "en"].into_iter().enumerate() {
        let texts: Vec<&str> = Key::ALL
            .iter()
            .map(|&key| {
                let (fi, sv, en) = triple(key);
                let text = [fi, sv, en][n];
                // A line per text: a line break inside one would shift every later key.
                assert!(
                    !text.contains(['\n', '\r']),
                    "the {tag} text of {key:?} contains a line break"
                );
                assert!(
                    !text.trim().is_empty(),
                    "the {tag} text of {key:?} is empty"
                );
                text
            })
            .collect();
        let file = texts.join("\n");
        let name = format!("texts-{tag}-{:016x}.txt", fnv1a(file.as_bytes()));
        fs::write(out.join("texts").join(format!("{tag}.txt")), &file).unwrap();
        fs::write(beside_wasm.join(&name), &file).unwrap();
        println!("cargo:rustc-env=KLEVER_TEXTS_{}={name}", tag.to_uppercase());
    }
    fs::write(beside_wasm.join("shell.json"), shell_pages()).unwrap();
}

/// `{"fi":{"/profile":["page","heading","lead"],"/requests":[…,"card heading","card text"],…},
/// "sv":…,"en":…}` for index.html's shell,
/// which `scripts/post-build` writes into the page.
fn shell_pages() -> String {
    let langs: Vec<String> = ["fi", "sv", "en"]
        .into_iter()
        .enumerate()
        .map(|(n, tag)| {
            let pick = |key: Key| {
                let (fi, sv, en) = triple(key);
                json_string([fi, sv, en][n])
            };
            let pages: Vec<String> = SHELL_PAGES
                .iter()
                .map(|page| {
                    let card = page
                        .card
                        .map(|(heading, text)| format!(",{},{}", pick(heading), pick(text)))
                        .unwrap_or_default();
                    format!(
                        "{}:[{},{},{}{card}]",
                        json_string(page.path),
                        json_string(page.frame),
                        pick(page.heading),
                        pick(page.lead)
                    )
                })
                .collect();
            format!("\"{tag}\":{{{}}}", pages.join(","))
        })
        .collect();
    format!("{{{}}}", langs.join(","))
}

/// A JSON string that is also safe inside an HTML `<script>`: no `<` that could close it.
fn json_string(text: &str) -> String {
    let mut out = String::from('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '<' => out.push_str("\\u003c"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A content hash for the file name: stable across builds and Rust versions, unlike std's
/// hasher; collisions only matter between two versions of one language's texts.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
