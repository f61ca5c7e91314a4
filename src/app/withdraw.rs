//! Withdrawing an earlier consent.

use super::*;

impl App {
    pub(super) fn update_withdraw(&mut self, cmd: Cmd) -> Option<Effect> {
        match cmd {
            Cmd::Confirm => {
                let code = self
                    .person
                    .pending_code
                    .get_or_insert_with(new_receipt_code)
                    .clone();
                let body = crate::record::consent::withdrawal_body(&consent::made(self, &code)?);
                Some(Effect::Append {
                    record_type: RecordType::Withdrawal,
                    body,
                })
            }
            Cmd::Back => {
                // Changed their mind: nothing is recorded, and the next person starts afresh.
                self.reset();
                None
            }
            _ => None,
        }
    }
}
