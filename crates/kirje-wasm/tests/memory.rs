//! Memory across many edits in the browser session: the resident memory
//! levels off once Typst's caches are evicted, instead of growing with each
//! edit.

mod common;
use common::{EDITION, TITLE, edition_text, example};

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

#[test]
fn memory_levels_off_over_many_edits() {
    let mut s = example();
    let text = edition_text();
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
