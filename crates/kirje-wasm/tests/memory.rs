//! Memory across many edits in the browser session: the resident memory
//! levels off once Typst's caches are evicted, instead of growing with each
//! edit.

use std::path::{Path, PathBuf};

use kirje_wasm::Session;

/// The process's resident memory in bytes (Linux: `VmRSS` of
/// /proc/self/status); the test is alone in its binary, so no other test's
/// memory mixes in.
fn resident() -> isize {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let kb: isize = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS");
    kb * 1024
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn add_dir(session: &mut Session, dir: &Path, prefix: &str) {
    for e in std::fs::read_dir(dir).expect("read_dir") {
        let e = e.expect("entry");
        let name = e.file_name().to_string_lossy().into_owned();
        let rel = format!("{prefix}{name}");
        if e.file_type().expect("type").is_dir() {
            add_dir(session, &e.path(), &format!("{rel}/"));
        } else {
            assert!(session.set_file(&rel, std::fs::read(e.path()).expect("read")));
        }
    }
}

#[test]
fn memory_levels_off_over_many_edits() {
    const EDITION: &str = "editions/2021-05.yaml";
    const TITLE: &str = "fi: LUMOn yhteinen tapahtumakalenteri on avattu";
    let mut s = Session::new();
    for e in std::fs::read_dir(root().join("assets/fonts")).expect("fonts") {
        let p = e.expect("entry").path();
        if p.extension().is_some_and(|x| x == "otf") {
            s.add_font(std::fs::read(p).expect("font"));
        }
    }
    add_dir(&mut s, &root().join("examples/lumo"), "");
    let text = std::fs::read_to_string(root().join("examples/lumo").join(EDITION)).expect("read");
    let mb = |b: isize| b as f64 / 1_048_576.0;
    let mut after_warm_up = 0;
    let edits = 150;
    for i in 0..edits {
        let t = text.replace(TITLE, &format!("fi: Muokkaus numero {i}"));
        s.set_file(EDITION, t.into_bytes());
        let r = s.preview("newsletter", None, None);
        assert!(r.contains("\"success\""), "edit {i}: {r}");
        if i == 30 {
            after_warm_up = resident();
        }
    }
    let end = resident();
    eprintln!(
        "resident after 30 edits {:.1} MB, after {edits}: {:.1} MB",
        mb(after_warm_up),
        mb(end)
    );
    // Growth of 200 kB an edit would add 24 MB here; the allocator's own
    // slack stays well under 16 MB.
    assert!(
        end < after_warm_up + 16 * 1_048_576,
        "resident memory grew from {:.1} MB to {:.1} MB over {} edits",
        mb(after_warm_up),
        mb(end),
        edits - 31
    );
}
