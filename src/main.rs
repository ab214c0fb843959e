fn main() {
    leadline::ui::start();
}
