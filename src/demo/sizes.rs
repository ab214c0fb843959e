//! How much demo data: enough to try the app, or the benchmark sizes of DESIGN.md section 5.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DemoSize {
    /// About 200 customers: to look around.
    Demo,
    M,
    L,
}

/// How many records of each kind a size makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counts {
    pub team: usize,
    pub products: usize,
    pub customers: usize,
    pub contacts: usize,
    pub leads: usize,
    pub opportunities: usize,
    pub quotes: usize,
    pub orders: usize,
    pub payments: usize,
    pub invoices: usize,
    pub activities: usize,
}

const M: Counts = Counts {
    team: 10,
    products: 500,
    customers: 10_000,
    contacts: 15_000,
    leads: 20_000,
    opportunities: 30_000,
    quotes: 10_000,
    orders: 50_000,
    payments: 60_000,
    invoices: 35_000,
    activities: 200_000,
};

impl DemoSize {
    pub const ALL: [DemoSize; 3] = [DemoSize::Demo, DemoSize::M, DemoSize::L];

    pub fn counts(self) -> Counts {
        match self {
            DemoSize::Demo => Counts {
                team: 6,
                products: 40,
                ..M.scaled(1, 50)
            },
            DemoSize::M => M,
            DemoSize::L => Counts {
                team: 20,
                products: 2_000,
                ..M.scaled(5, 1)
            },
        }
    }

    /// The size named in the address (`?demo=s`, `m` or `l`).
    pub fn from_param(text: &str) -> Option<DemoSize> {
        match text.trim().to_ascii_lowercase().as_str() {
            "s" | "demo" => Some(DemoSize::Demo),
            "m" => Some(DemoSize::M),
            "l" => Some(DemoSize::L),
            _ => None,
        }
    }
}

impl Counts {
    const fn scaled(self, times: usize, by: usize) -> Counts {
        Counts {
            team: self.team,
            products: self.products,
            customers: self.customers * times / by,
            contacts: self.contacts * times / by,
            leads: self.leads * times / by,
            opportunities: self.opportunities * times / by,
            quotes: self.quotes * times / by,
            orders: self.orders * times / by,
            payments: self.payments * times / by,
            invoices: self.invoices * times / by,
            activities: self.activities * times / by,
        }
    }

    /// Every record the size makes, for progress.
    pub fn total(&self) -> usize {
        self.team
            + self.products
            + self.customers
            + self.contacts
            + self.leads
            + self.opportunities
            + self.quotes
            + self.orders
            + self.payments
            + self.invoices
            + self.activities
    }
}
