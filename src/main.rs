//! The `tebiki` binary: everything lives in the library; see `cli`.

fn main() -> std::process::ExitCode {
    tebiki::cli::main()
}
