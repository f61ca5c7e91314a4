//! `tebiki verify` as readable text: per file the records, time range and checkpoint; then every
//! finding with file:line, recovered torn tails and duplicates.

use std::fmt::Write;
use std::path::Path;

use fluent_bundle::FluentValue;

use crate::command::Env;
use crate::escape::for_terminal;
use crate::i18n::group_digits;
use crate::ledger::{FindingKind, VerifyReport};

fn s(v: impl ToString) -> FluentValue<'static> {
    FluentValue::from(v.to_string())
}

pub fn render(report: &VerifyReport, env: &Env, dir: &Path, seals: usize) -> String {
    let mut out = String::new();
    let sealed_any = seals > 0;
    // Seals there, none of them trusted (a signature missing, changed or by another key): a
    // file no trusted seal covers is not "not sealed yet".
    let none_trusted = !report.files.iter().any(|f| f.sealed.is_some())
        && report.findings.iter().any(|f| {
            matches!(
                f.kind,
                FindingKind::SealUnreadable
                    | FindingKind::SealSignatureMissing
                    | FindingKind::SealSignatureInvalid
                    | FindingKind::SealUntrustedSigner { .. }
            )
        });
    let _ = writeln!(
        out,
        "{}",
        env.ta("verify-folder", &[("dir", s(dir.display()))])
    );
    if report.files.is_empty() {
        let _ = writeln!(out, "{}", env.t("verify-no-files"));
    }
    for f in &report.files {
        let range = match (f.first_at, f.last_at) {
            (Some(a), Some(b)) => format!(
                "{} – {}",
                crate::ledger::ledger_time(a),
                crate::ledger::ledger_time(b)
            ),
            _ => "-".into(),
        };
        let _ = writeln!(
            out,
            "{}",
            env.ta(
                if f.not_records > 0 {
                    "verify-file-not-records"
                } else {
                    "verify-file"
                },
                &[
                    ("file", s(for_terminal(&f.file))),
                    ("records", s(group_digits(f.records - f.not_records))),
                    ("n", FluentValue::from(f.records - f.not_records)),
                    ("lines", s(group_digits(f.not_records))),
                    ("range", s(range))
                ],
            )
        );
        // The checkpoint line, in the form `--checkpoint` reads back.
        let _ = writeln!(
            out,
            "  {} {} {}",
            for_terminal(&f.file),
            f.last_seq,
            f.head_sha256
        );
        if sealed_any {
            let line = match &f.sealed {
                Some(m) => env.ta(
                    if m.unchecked {
                        "verify-sealed-unchecked"
                    } else {
                        "verify-sealed"
                    },
                    &[
                        ("file", s(for_terminal(&f.file))),
                        ("seq", s(m.seq)),
                        ("at", s(&m.at)),
                        ("seal", s(for_terminal(&m.seal))),
                    ],
                ),
                None => env.ta(
                    if none_trusted {
                        "verify-unsealed-untrusted"
                    } else {
                        "verify-unsealed"
                    },
                    &[("file", s(for_terminal(&f.file)))],
                ),
            };
            let _ = writeln!(out, "  {line}");
        }
        if !f.copy_of.is_empty() {
            let of: Vec<String> = f
                .copy_of
                .iter()
                .map(|o| for_terminal(o).into_owned())
                .collect();
            let line = env.ta(
                "verify-copy-of",
                &[
                    ("file", s(for_terminal(&f.file))),
                    ("of", s(of.join(&env.t("list-separator")))),
                ],
            );
            let _ = writeln!(out, "  {line}");
        }
    }
    if sealed_any {
        let _ = writeln!(out, "{}", env.ta("verify-seals", &[("count", s(seals))]));
    }
    for r in &report.recovered {
        let _ = writeln!(
            out,
            "{}",
            env.ta(
                "verify-recovered",
                &[
                    ("place", s(format!("{}:{}", for_terminal(&r.file), r.line))),
                    ("bytes", s(r.bytes)),
                    ("offset", s(r.offset)),
                    ("saved", s(for_terminal(&r.saved_as))),
                ],
            )
        );
        if let Some(p) = &r.piece {
            let what: Vec<String> = [&p.record_type, &p.at, &p.employee]
                .into_iter()
                .flatten()
                .map(|v| for_terminal(v).into_owned())
                .collect();
            let chained = match p.chained {
                Some(true) => "yes",
                Some(false) => "no",
                None => "unknown",
            };
            let seq = p.seq.map_or_else(String::new, |n| n.to_string());
            let text = env.ta(
                "verify-recovered-piece",
                &[
                    ("chained", s(chained)),
                    ("seq", s(seq)),
                    ("what", s(what.join(&env.t("list-separator")))),
                    ("told", s(if what.is_empty() { "no" } else { "yes" })),
                ],
            );
            let _ = writeln!(out, "  {text}");
        }
    }
    if report.duplicates > 0 {
        let _ = writeln!(
            out,
            "{}",
            env.ta("verify-duplicates", &[("count", s(report.duplicates))])
        );
    }
    for f in &report.findings {
        let place = match f.line {
            Some(l) => format!("{}:{l}", for_terminal(&f.file)),
            None => for_terminal(&f.file).into_owned(),
        };
        let what = match &f.kind {
            // The lines between the one `prev` names and this one were inserted.
            FindingKind::ChainBreak {
                follows: Some(follows),
                ..
            } => {
                let last = f.line.map_or(follows + 1, |line| line - 1);
                env.ta(
                    "finding-chain-break-inserted",
                    &[
                        ("follows", s(follows)),
                        ("first", s(follows + 1)),
                        ("last", s(last)),
                        ("count", (last - follows).into()),
                    ],
                )
            }
            // The line before is named: the change may be in it rather than here.
            FindingKind::ChainBreak { .. } => match f.line {
                Some(line) if line > 1 => env.ta("finding-chain-break", &[("before", s(line - 1))]),
                _ => env.t("finding-chain-break-first"),
            },
            FindingKind::SeqGap { expected, found } => env.ta(
                "finding-seq-gap",
                &[("expected", s(expected)), ("found", s(found))],
            ),
            FindingKind::Unparseable => env.t("finding-unparseable"),
            FindingKind::BadEnvelope { key, .. } => {
                env.ta("finding-bad-envelope", &[("key", s(key))])
            }
            FindingKind::TornTail { offset, bytes } => env.ta(
                "finding-torn-tail",
                &[("offset", s(offset)), ("bytes", s(bytes))],
            ),
            FindingKind::KioskMismatch { expected, found } => env.ta(
                "finding-kiosk-mismatch",
                &[
                    ("expected", s(for_terminal(expected))),
                    ("found", s(for_terminal(found))),
                ],
            ),
            FindingKind::Conflict {
                id,
                other_file,
                other_line,
            } => env.ta(
                "finding-conflict",
                &[
                    ("id", s(for_terminal(id))),
                    (
                        "other",
                        s(format!("{}:{other_line}", for_terminal(other_file))),
                    ),
                ],
            ),
            FindingKind::RecoveryMismatch { .. } => env.t("finding-recovery-mismatch"),
            FindingKind::CheckpointNotExtended { seq, .. } => {
                env.ta("finding-checkpoint-not-extended", &[("seq", s(seq))])
            }
            FindingKind::CheckpointFileMissing { seq, .. } => {
                env.ta("finding-checkpoint-file-missing", &[("seq", s(seq))])
            }
            FindingKind::Unreadable { error_kind } => {
                env.ta("finding-unreadable", &[("kind", s(error_kind))])
            }
            FindingKind::RepeatedKey { key } => {
                env.ta("finding-repeated-key", &[("key", s(for_terminal(key)))])
            }
            FindingKind::NotALedgerFile { what } => {
                env.ta("finding-not-ledger-file", &[("what", s(what))])
            }
            FindingKind::TornPieceMissing { saved_as } => env.ta(
                "finding-torn-piece-missing",
                &[("saved", s(for_terminal(saved_as)))],
            ),
            FindingKind::SealUnreadable => env.t("finding-seal-unreadable"),
            FindingKind::SealSignatureMissing => env.t("finding-seal-signature-missing"),
            FindingKind::SealSignatureInvalid => env.t("finding-seal-signature-invalid"),
            FindingKind::SealUntrustedSigner {
                signer,
                certificate_line: None,
            } => env.ta(
                "finding-seal-untrusted",
                &[("signer", s(for_terminal(signer)))],
            ),
            FindingKind::SealUntrustedSigner {
                signer,
                certificate_line: Some(line),
            } => env.ta(
                "finding-seal-untrusted-certificate",
                &[
                    ("signer", s(for_terminal(signer))),
                    ("line", s(line.to_string())),
                ],
            ),
            FindingKind::SealNoSigners => env.t("finding-seal-no-signers"),
            FindingKind::SealsMissing => env.t("finding-seals-missing"),
            FindingKind::SealChainBreak => env.t("finding-seal-chain-break"),
            FindingKind::SealedFileMissing {
                seal,
                seq,
                unchecked,
            } => env.ta(
                if *unchecked {
                    "finding-sealed-file-missing-unchecked"
                } else {
                    "finding-sealed-file-missing"
                },
                &[("seal", s(for_terminal(seal))), ("seq", s(seq))],
            ),
            FindingKind::SealedFileChanged {
                seal,
                seq,
                bytes,
                unchecked,
            } => env.ta(
                if *unchecked {
                    "finding-sealed-file-changed-unchecked"
                } else {
                    "finding-sealed-file-changed"
                },
                &[
                    ("seal", s(for_terminal(seal))),
                    ("seq", s(seq)),
                    ("bytes", s(bytes)),
                ],
            ),
            FindingKind::FutureDated { at } => env.ta(
                "finding-future-dated",
                &[(
                    "at",
                    s(at.map(crate::ledger::ledger_time).unwrap_or_default()),
                )],
            ),
            FindingKind::VoidNotAllowed { target } => {
                env.ta("finding-void-not-allowed", &[("target", s(target))])
            }
            FindingKind::Backdated { at, seal } => env.ta(
                "finding-backdated",
                &[
                    ("seal", s(for_terminal(seal))),
                    (
                        "at",
                        s(at.map(crate::ledger::ledger_time).unwrap_or_default()),
                    ),
                ],
            ),
        };
        let _ = writeln!(out, "{place}: {what}");
    }
    let summary = if report.is_intact() {
        env.ta(
            "verify-intact",
            &[
                ("records", s(group_digits(report.records()))),
                ("n", FluentValue::from(report.records())),
                ("files", s(report.files.len())),
            ],
        )
    } else if report
        .findings
        .iter()
        .all(|f| matches!(f.kind, FindingKind::SealNoSigners))
    {
        // Nothing found in the ledger: only the seals could not be checked, for want of
        // trusted keys (not yet set up after the first seal, or removed).
        env.ta(
            "verify-unchecked",
            &[
                ("records", s(group_digits(report.records()))),
                ("n", FluentValue::from(report.records())),
                ("files", s(report.files.len())),
            ],
        )
    } else {
        env.ta("verify-damaged", &[("count", s(report.findings.len()))])
    };
    let _ = writeln!(out, "{summary}");
    out
}
