//! Where reads and writes wait while a restore's records are written to their own stores
//! behind the page (see `restore.rs`): until then the stores hold part of the restore, and a
//! change written among its records could be overwritten by them.

use std::cell::{Cell, RefCell};
use std::future::poll_fn;
use std::task::{Poll, Waker};

use super::StoreError;

/// Why a read or write is refused while a restore is left half written.
pub(super) const UNFINISHED: &str =
    "an earlier restore is still being written; reload the page to finish it";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Open,
    Closed,
    /// The restore stopped with an error: it is finished at the next open of the database, and
    /// nothing before then may read or write the stores it left half written.
    Broken,
}

pub(super) struct Gate {
    state: Cell<State>,
    waiting: RefCell<Vec<Waker>>,
}

impl Default for Gate {
    fn default() -> Self {
        Gate {
            state: Cell::new(State::Open),
            waiting: RefCell::new(Vec::new()),
        }
    }
}

impl Gate {
    /// Returns once no restore is being written.
    pub async fn pass(&self) -> Result<(), StoreError> {
        poll_fn(|cx| match self.state.get() {
            State::Open => Poll::Ready(Ok(())),
            State::Broken => Poll::Ready(Err(StoreError::Write(UNFINISHED.into()))),
            State::Closed => {
                self.waiting.borrow_mut().push(cx.waker().clone());
                Poll::Pending
            }
        })
        .await
    }

    pub fn close(&self) {
        self.state.set(State::Closed);
    }

    /// Lets everything waiting through: to go on, or, when `ok` is false, to fail.
    pub fn open(&self, ok: bool) {
        self.state.set(if ok { State::Open } else { State::Broken });
        for waker in self.waiting.take() {
            waker.wake();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::future::Future;
    use std::pin::pin;
    use std::task::Context;

    fn poll_once(gate: &Gate) -> Poll<Result<(), StoreError>> {
        let mut future = pin!(gate.pass());
        future
            .as_mut()
            .poll(&mut Context::from_waker(Waker::noop()))
    }

    #[test]
    fn an_open_gate_lets_through_and_a_closed_one_holds_until_opened() {
        let gate = Gate::default();
        assert!(matches!(poll_once(&gate), Poll::Ready(Ok(()))));
        gate.close();
        assert!(poll_once(&gate).is_pending());
        assert_eq!(gate.waiting.borrow().len(), 1);
        gate.open(true);
        assert!(gate.waiting.borrow().is_empty());
        assert!(matches!(poll_once(&gate), Poll::Ready(Ok(()))));
    }

    #[test]
    fn a_gate_opened_after_a_failure_refuses_with_a_message() {
        let gate = Gate::default();
        gate.close();
        gate.open(false);
        match poll_once(&gate) {
            Poll::Ready(Err(StoreError::Write(text))) => assert!(text.contains("reload the page")),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
}
