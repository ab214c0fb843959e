// Code the benchmark runs inside the page (each function is sent to the page as it is, so it may
// use nothing from outside itself).

/// Types `values` into the search box one keystroke at a time. A keystroke's time runs from the
/// input event until the app has handled it, updated the list and laid the page out: every task
/// the app queued for it (Leptos runs its effects as microtasks) has run by the next message-
/// channel turn. Returns the times and how many keystrokes changed nothing on the page.
export async function typeInApp({ selector, values }) {
  const input = document.querySelector(selector);
  const main = document.querySelector('main') ?? document.body;
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const turn = () => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const times = [];
  let unchanged = 0;
  for (const value of values) {
    let changed = false;
    const watcher = new MutationObserver(() => { changed = true; });
    watcher.observe(main, { childList: true, subtree: true, characterData: true });
    const start = performance.now();
    setValue.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await turn();
    void main.getBoundingClientRect().height;
    times.push(performance.now() - start);
    watcher.disconnect();
    if (!changed) unchanged += 1;
    await painted();
  }
  return { times, unchanged };
}

/// The same search done by plain JavaScript over the same stored customer objects: fold the
/// fields, keep those holding every word, newest change first, and draw the first `rows` rows
/// into a table on the page, laid out.
export async function typeInPlainJs({ values, rows }) {
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open('leadline');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const customers = await new Promise((resolve, reject) => {
    const all = db.transaction('customers').objectStore('customers').getAll();
    all.onsuccess = () => resolve(all.result);
    all.onerror = () => reject(all.error);
  });
  db.close();
  const host = document.createElement('div');
  host.style.cssText = 'position:absolute;left:0;top:0;width:1000px;background:#fff;z-index:99';
  const table = document.createElement('table');
  host.append(table);
  document.body.append(host);
  const fold = (text) => text.toLowerCase().replace(/\s+/g, ' ').trim();
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const times = [];
  for (const value of values) {
    const start = performance.now();
    const words = fold(value).split(' ').filter(Boolean);
    const found = customers.filter((c) => {
      if (c.deleted_at) return false;
      if (words.length === 0) return true;
      const hay = fold([c.name, c.industry, c.city, c.address, c.phone, c.website, (c.tags ?? []).join(' '), c.notes].join(' '));
      return words.every((w) => hay.includes(w));
    });
    found.sort((a, b) => (a.updated_at < b.updated_at ? 1 : a.updated_at > b.updated_at ? -1 : 0));
    const body = document.createElement('tbody');
    for (const c of found.slice(0, rows)) {
      const tr = body.insertRow();
      for (const text of [c.name, c.level ?? '', c.industry, c.city, c.phone]) tr.insertCell().textContent = text;
    }
    table.replaceChildren(body);
    void host.getBoundingClientRect().height;
    times.push(performance.now() - start);
    await painted();
  }
  host.remove();
  return { times };
}

/// Scrolls the window down by `step` pixels a frame for `frames` frames; returns the time between
/// frames (run in a browser whose frames are not held to 60 Hz, it is the work of each frame).
export async function scrollFrames({ frames, step }) {
  window.scrollTo(0, 0);
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  return new Promise((resolve) => {
    const stamps = [];
    const frame = (now) => {
      stamps.push(now);
      window.scrollBy(0, step);
      if (stamps.length <= frames) requestAnimationFrame(frame);
      else resolve({ times: stamps.slice(1).map((t, i) => t - stamps[i]), bottom: window.scrollY });
    };
    requestAnimationFrame(frame);
  });
}

/// Stores a backup's records (fetched from `url`) in the database `name` with plain IndexedDB:
/// one transaction per store, every put in it, all stores at once. The time covers parsing the
/// JSON text and writing, as Leadline's restore does.
export async function restorePlainJs({ url, name }) {
  const text = await (await fetch(url)).text();
  await new Promise((resolve) => {
    const gone = indexedDB.deleteDatabase(name);
    gone.onsuccess = gone.onerror = gone.onblocked = () => resolve();
  });
  const backup = JSON.parse(text);
  const stores = Object.keys(backup.data).filter((k) => Array.isArray(backup.data[k]));
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => { for (const s of stores) open.result.createObjectStore(s, { keyPath: 'id' }); };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const start = performance.now();
  const data = JSON.parse(text).data;
  let records = 0;
  await Promise.all(stores.map((s) => new Promise((resolve, reject) => {
    const tx = db.transaction(s, 'readwrite', { durability: 'default' });
    const store = tx.objectStore(s);
    for (const record of data[s]) store.put(record);
    records += data[s].length;
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  })));
  const ms = performance.now() - start;
  db.close();
  return { ms, records };
}

/// The same with Dexie.js: `bulkPut` per table, all tables at once.
export async function restoreDexie({ url, name, dexieUrl }) {
  const text = await (await fetch(url)).text();
  const { Dexie } = await import(dexieUrl);
  await Dexie.delete(name);
  const backup = JSON.parse(text);
  const stores = Object.keys(backup.data).filter((k) => Array.isArray(backup.data[k]));
  const db = new Dexie(name);
  db.version(1).stores(Object.fromEntries(stores.map((s) => [s, 'id'])));
  await db.open();
  const start = performance.now();
  const data = JSON.parse(text).data;
  let records = 0;
  await Promise.all(stores.map((s) => {
    records += data[s].length;
    return db.table(s).bulkPut(data[s]);
  }));
  const ms = performance.now() - start;
  db.close();
  return { ms, records };
}
