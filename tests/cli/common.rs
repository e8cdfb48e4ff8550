//! Shared helpers for the CLI tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// A temporary working directory with its own memory.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temporary directory"),
        }
    }

    /// The memory's path inside the sandbox.
    pub fn tm(&self) -> PathBuf {
        self.dir.path().join("tm.db")
    }

    /// A path inside the sandbox.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a file inside the sandbox and returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent");
        }
        std::fs::write(&path, contents).expect("write fixture");
        path
    }

    /// `tmkit --tm <sandbox>/tm.db`, run in the sandbox, with a fixed clock.
    pub fn tmkit(&self) -> Command {
        let mut cmd = self.tmkit_without_tm();
        cmd.arg("--tm").arg(self.tm());
        cmd
    }

    /// `tmkit` run in the sandbox with a fixed clock, no `--tm` and no `TMKIT_TM`.
    pub fn tmkit_without_tm(&self) -> Command {
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("tmkit"));
        cmd.current_dir(self.dir.path())
            .env("SOURCE_DATE_EPOCH", "1720000000")
            .env_remove("TMKIT_TM");
        cmd
    }
}

/// The repository's `samples/` folder.
pub fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// A memory aligned from samples/ in en, az, ru and zh (`align-dir --store`; article 1: 89 units, 10
/// need review), its word-alignment models trained (`train`).
pub fn aligned_samples() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox
        .tmkit()
        .arg("align-dir")
        .arg(samples())
        .args(["--from", "en", "--to", "az,ru,zh", "--store"])
        .assert()
        .success();
    sandbox.tmkit().arg("train").assert().success();
    sandbox
}

/// The first sample article's folder.
pub fn article1() -> PathBuf {
    samples().join("2024-07-03-aliyev-xi-astana")
}

/// The second sample article's folder.
pub fn article2() -> PathBuf {
    samples().join("2024-07-10-aliyev-chinese-delegation")
}

/// Standard output of a successful run, as text.
pub fn stdout_of(cmd: &mut Command) -> String {
    let output = cmd.output().expect("run tmkit");
    assert!(
        output.status.success(),
        "tmkit failed: {}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}
