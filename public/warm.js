// The first open of the database in a browser session costs the browser's own work, however
// little is read after: 40 to 200 ms with the benchmark's M data, and up to a second on a
// database that once took one very large transaction (see src/store/restore.rs). Asking for it
// here, while the app's code downloads and compiles, overlaps the two; the app's own open
// (src/store) then finds the database ready. This never creates or upgrades the database: the
// app does that.
(() => {
  let request;
  try {
    request = indexedDB.open('leadline');
  } catch {
    return;
  }
  request.onupgradeneeded = () => request.transaction.abort();
  request.onerror = (event) => event.preventDefault();
  request.onsuccess = () => {
    const db = request.result;
    // Held until the app has opened its own connection; given up at once for an upgrade or a
    // deletion, which would otherwise wait for it.
    db.onversionchange = () => db.close();
    setTimeout(() => db.close(), 10_000);
  };
})();
