//! The text encodings of files exchanged with Excel: UTF-8, and Shift_JIS as Windows writes
//! it (CP932), Japanese Excel's default for CSV.

/// A text encoding an admin can choose for files exchanged with Excel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TextEncoding {
    // A byte order mark is read and, for Excel, written.
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    // Shift_JIS as Windows writes it (CP932): Japanese Excel's default for CSV.
    #[value(
        name = "cp932",
        alias = "shift_jis",
        alias = "shift-jis",
        alias = "sjis"
    )]
    Cp932,
}

impl TextEncoding {
    pub fn as_str(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Cp932 => "Shift_JIS (CP932)",
        }
    }
}

/// Decodes CP932 (Shift_JIS as Windows writes it) strictly: the text, or the byte offset of
/// the first sequence that is not CP932.
pub fn decode_cp932(bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = encoding_rs::SHIFT_JIS.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len() * 3);
    let mut out = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(out),
        encoding_rs::DecoderResult::Malformed(bad, after) => {
            Err(read.saturating_sub(usize::from(after) + usize::from(bad)))
        }
        // The buffer was sized for the worst case; should it still be short, say where.
        encoding_rs::DecoderResult::OutputFull => Err(read),
    }
}
