// Small behaviours; no inline scripts (the Content-Security-Policy forbids them).
document.addEventListener("change", (event) => {
  if (event.target.matches("[data-autosubmit]")) event.target.form.submit();
});

// htmx: the desk answers a refused transition (conflict 409, lock 423, invalid form 400) with
// the page showing why; swap it in instead of dropping it.
document.addEventListener("htmx:beforeSwap", (event) => {
  const status = event.detail.xhr.status;
  if (status === 400 || status === 409 || status === 423) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

// Keyboard: j/k move in the queue, o/Enter open, t take, c/d/u choose a verdict, ? help.
(() => {
  const rows = () => Array.from(document.querySelectorAll("tr.queue-row"));
  const current = () => document.querySelector("tr.queue-row.is-current");

  function select(row) {
    const before = current();
    if (before) before.classList.remove("is-current");
    if (!row) return;
    row.classList.add("is-current");
    row.scrollIntoView({ block: "nearest" });
    const link = row.querySelector("a.claim-link");
    if (link) link.focus({ preventScroll: true });
  }

  function move(step) {
    const all = rows();
    if (!all.length) return;
    const index = all.indexOf(current());
    const next = index === -1 ? 0 : Math.min(all.length - 1, Math.max(0, index + step));
    select(all[next]);
  }

  function chooseVerdict(value) {
    const radio = document.querySelector(`input[name="verdict"][value="${value}"]`);
    if (!radio) return;
    radio.checked = true;
    const rationale = document.querySelector(".verdict-form textarea[name='rationale']");
    if (rationale) rationale.focus();
  }

  function toggleHelp() {
    const help = document.getElementById("keyboard-help");
    if (!help) return;
    if (help.open) help.close(); else help.showModal();
  }

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target.closest("input, textarea, select, [contenteditable]")) return;
    const key = event.key;
    if (key === "j") move(1);
    else if (key === "k") move(-1);
    else if (key === "o" || (key === "Enter" && current() && !target.closest("a, button"))) {
      const row = current();
      if (row) window.location.href = row.dataset.url;
    } else if (key === "t") {
      const button = (current() && current().querySelector("[data-action='take']"))
        || document.querySelector("[data-key='t']");
      if (button) button.click();
    } else if (key === "c") chooseVerdict("confirmed");
    else if (key === "d") chooseVerdict("disputed");
    else if (key === "u") chooseVerdict("unverifiable");
    else if (key === "?") toggleHelp();
    else return;
    event.preventDefault();
  });
})();

// Drafts: what an editor types in the claim page's forms (verdict, comments, notes) is kept in
// this tab's session storage until that form's change is recorded, so a refused change
// (conflict, lock) or a reload never loses it; it comes back whenever the form is shown again.
(() => {
  const FORMS = "#claim-page form[hx-post]";
  const keyOf = (form) => `draft:${form.getAttribute("action")}`;

  function save(form) {
    const draft = {};
    for (const field of form.querySelectorAll("textarea[name]")) draft[field.name] = field.value;
    for (const radio of form.querySelectorAll("input[type=radio][name]:checked")) draft[radio.name] = radio.value;
    sessionStorage.setItem(keyOf(form), JSON.stringify(draft));
  }

  function restore(root) {
    for (const form of root.querySelectorAll(FORMS)) {
      const draft = JSON.parse(sessionStorage.getItem(keyOf(form)) || "null");
      if (!draft) continue;
      for (const field of form.querySelectorAll("textarea[name]")) {
        if (!field.value && draft[field.name]) field.value = draft[field.name];
      }
      for (const [name, value] of Object.entries(draft)) {
        const radio = form.querySelector(`input[type=radio][name="${CSS.escape(name)}"][value="${CSS.escape(value)}"]`);
        if (radio && !form.querySelector(`input[type=radio][name="${CSS.escape(name)}"]:checked`)) radio.checked = true;
      }
    }
  }

  for (const type of ["input", "change"]) {
    document.addEventListener(type, (event) => {
      const form = event.target.closest(FORMS);
      if (form) save(form);
    });
  }
  // Recorded (a 2xx answer): the draft is done with. Refused (409, 423, 400): kept. (Before the
  // swap: the form is still in the page, so the event reaches the document.)
  document.addEventListener("htmx:beforeSwap", (event) => {
    const elt = (event.detail.requestConfig && event.detail.requestConfig.elt) || event.detail.elt;
    const form = elt.closest && elt.closest(FORMS);
    if (form && event.detail.xhr.status >= 200 && event.detail.xhr.status < 300) {
      sessionStorage.removeItem(keyOf(form));
    }
  });
  document.addEventListener("htmx:afterSettle", () => restore(document));
  document.addEventListener("DOMContentLoaded", () => restore(document));
})();

// "Save and next": once the verdict is recorded, open the next claim to decide.
document.addEventListener("submit", (event) => {
  if (event.target.matches("form.verdict-form")) event.target.dataset.then = (event.submitter && event.submitter.dataset.then) || "";
});
document.addEventListener("htmx:beforeSwap", (event) => {
  const form = (event.detail.requestConfig && event.detail.requestConfig.elt) || event.detail.elt;
  const status = event.detail.xhr.status;
  if (form.matches && form.matches("form.verdict-form") && form.dataset.then && status >= 200 && status < 300) {
    event.detail.shouldSwap = false;
    window.location.assign(form.dataset.then);
  }
});
