// The page's side of the installed app: registers the service worker, notices when a new version
// waits and when the browser offers installation. It runs before the wasm has loaded, so that no
// browser event is missed; the app reads `window.leadlinePwa` when it starts and listens for the
// `leadline-pwa` event after that (src/ui/pwa.rs).
const pwa = {
  updateReady: false,
  canInstall: false,
  applyUpdate,
  install,
};
window.leadlinePwa = pwa;

let waiting = null;
let installPrompt = null;

function changed() {
  window.dispatchEvent(new Event('leadline-pwa'));
}

function offerUpdate(worker) {
  waiting = worker;
  pwa.updateReady = true;
  changed();
}

// Runs the waiting version: it takes over, and the page reloads into it.
function applyUpdate() {
  if (!waiting) return;
  navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload());
  waiting.postMessage({ type: 'leadline-apply-update' });
}

async function install() {
  if (!installPrompt) return;
  const prompt = installPrompt;
  installPrompt = null;
  pwa.canInstall = false;
  changed();
  await prompt.prompt();
}

window.addEventListener('beforeinstallprompt', (event) => {
  // The app shows its own Install button instead of the browser's mini bar.
  event.preventDefault();
  installPrompt = event;
  pwa.canInstall = true;
  changed();
});

window.addEventListener('appinstalled', () => {
  installPrompt = null;
  pwa.canInstall = false;
  changed();
});

async function register() {
  const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
  // A first install is not an update: there is no older version to replace.
  const isUpdate = () => navigator.serviceWorker.controller !== null;
  const follow = (worker) => {
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed' && isUpdate()) offerUpdate(worker);
    });
  };
  if (registration.waiting && isUpdate()) offerUpdate(registration.waiting);
  // The update check of this very page load may have begun before this script ran.
  follow(registration.installing);
  registration.addEventListener('updatefound', () => follow(registration.installing));
  // A tab left open for days still learns of a new deploy.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') registration.update().catch(() => {});
  });
  setInterval(() => registration.update().catch(() => {}), 60 * 60 * 1000);
}

if ('serviceWorker' in navigator) {
  register().catch((error) => console.warn('Leadline: the offline copy is not available:', error));
}
