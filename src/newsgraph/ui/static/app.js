// newsgraph: the only script of the analyst's pages (no framework). It sends the review forms
// to the JSON API with the write token, kept for this browser tab only (sessionStorage).
"use strict";
(function () {
  const KEY = "newsgraph-token";
  const state = document.getElementById("token-state");
  const flash = document.getElementById("flash");
  function show() { if (state) state.textContent = sessionStorage.getItem(KEY) ? "token set" : ""; }
  function say(text, ok) { flash.textContent = text; flash.className = ok ? "ok" : "fail"; }
  const tokenForm = document.getElementById("token-form");
  if (tokenForm) tokenForm.addEventListener("submit", function (ev) {
    ev.preventDefault();
    const input = document.getElementById("token");
    sessionStorage.setItem(KEY, input.value.trim());
    input.value = "";
    show();
  });
  show();
  function body(form, submitter) {
    const out = {};
    new FormData(form).forEach(function (v, k) { if (v !== "") out[k] = v; });
    if (submitter && submitter.name) out[submitter.name] = submitter.value;
    if (out.entry) out.entry = parseInt(out.entry, 10);
    if (out.value !== undefined && /^\d+$/.test(out.value)) out.value = parseInt(out.value, 10);
    return out;
  }
  document.querySelectorAll("form.review").forEach(function (form) {
    form.addEventListener("submit", async function (ev) {
      ev.preventDefault();
      const token = sessionStorage.getItem(KEY);
      if (!token) { say("Enter the write token first (top right).", false); return; }
      let res;
      try {
        res = await fetch(form.dataset.api, {
          method: "POST", headers: { "Content-Type": "application/json", "Authorization": "Bearer " + token },
          body: JSON.stringify(body(form, ev.submitter)),
        });
      } catch (e) { say("Could not reach the server.", false); return; }
      const data = await res.json().catch(function () { return {}; });
      if (!res.ok) { say("Refused: " + (data.detail || res.status), false); return; }
      sessionStorage.setItem("newsgraph-flash", "Saved as audit entry #" + data.entry + ".");
      window.location.reload();
    });
  });
  const done = sessionStorage.getItem("newsgraph-flash");
  if (done) { say(done, true); sessionStorage.removeItem("newsgraph-flash"); }
})();
