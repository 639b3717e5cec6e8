//! Writes every email-side output of a project to a folder, to look at them
//! as a reader would:
//!
//! ```sh
//! cargo run -p kirje-email --example write_outputs -- examples/lumo /tmp/lumo-out
//! ```
//!
//! With `KIRJE_TEMPLATES=templates` set, the templates are read from that
//! folder as if the project overrode every one of them, so a template can be
//! tried without rebuilding.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kirje_core::{Files, Lang, load};
use kirje_email::{Options, outputs};

fn read_dir(root: &Path, dir: &Path, files: &mut Files) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let p = e.path();
        if p.is_dir() {
            read_dir(root, &p, files)?;
        } else if let Ok(rel) = p.strip_prefix(root) {
            let rel = rel.to_string_lossy().replace('\\', "/");
            files.insert(rel, std::fs::read(&p)?);
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [project, out] = args.as_slice() else {
        eprintln!("usage: write_outputs <project folder> <output folder>");
        return ExitCode::from(2);
    };
    let root = PathBuf::from(project);
    let mut files = Files::new();
    if let Err(e) = read_dir(&root, &root, &mut files) {
        eprintln!("{project}: {e}");
        return ExitCode::from(2);
    }
    if let Ok(dir) = std::env::var("KIRJE_TEMPLATES") {
        let dir = PathBuf::from(dir);
        let mut templates = Files::new();
        if let Err(e) = read_dir(&dir, &dir, &mut templates) {
            eprintln!("{}: {e}", dir.display());
            return ExitCode::from(2);
        }
        for (path, _) in templates.iter() {
            if let Some(bytes) = templates.bytes(path) {
                files.insert(format!("templates/{path}"), bytes.to_vec());
            }
        }
    }
    let report = |diags: &[kirje_core::Diagnostic]| {
        for d in diags {
            let r = d.to_report(Lang::En, None);
            eprintln!("{}: {} {:?}", r.file, r.message, d.span);
        }
    };
    let loaded = match load::load(&files) {
        Ok(l) => l,
        Err(d) => {
            report(&d);
            return ExitCode::FAILURE;
        }
    };
    match outputs(
        &loaded,
        &files,
        &Options::default(),
        &kirje_email::Raster::default(),
    ) {
        Ok(outs) => {
            for o in outs {
                let path = Path::new(out).join(&o.path);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).expect("create folder");
                }
                std::fs::write(&path, &o.bytes).expect("write");
                println!("{:>8}  {}", o.bytes.len(), o.path);
            }
            ExitCode::SUCCESS
        }
        Err(d) => {
            report(&d);
            ExitCode::FAILURE
        }
    }
}
