//! The recipient list (CSV) and the suppression list: no input may panic,
//! and every problem names a line of the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match kirje_send::parse_recipients("recipients.csv", data) {
        Ok(list) => {
            for r in &list {
                assert!(r.line >= 1);
                assert!(r.email.contains('@'), "{}", r.email);
                assert!(!r.email.contains(['\r', '\n']), "{}", r.email);
            }
        }
        Err(problems) => assert!(!problems.is_empty()),
    }
    let _ = kirje_send::parse_suppressions("suppression.txt", data);
});
