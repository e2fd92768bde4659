// Suggestions as one types in a search box (the knowledge platform's island). The search form
// works without it: this only lists the five best matches under the box, from /api/v1/search, as
// links. Loaded from our own origin (the content security policy allows 'self').
(() => {
  const lang = document.documentElement.lang || "en";
  const boxes = document.querySelectorAll('form[role="search"] input[name="q"]');
  let n = 0;
  for (const input of boxes) {
    const form = input.form;
    if (!form) continue;
    const list = document.createElement("ul");
    list.className = "suggestions";
    list.id = `suggestions-${++n}`;
    list.hidden = true;
    form.appendChild(list);
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-autocomplete", "list");
    let timer = 0;
    let pending = null;
    const close = () => {
      list.hidden = true;
      list.textContent = "";
    };
    const show = (items) => {
      list.textContent = "";
      for (const item of items) {
        const li = document.createElement("li");
        const a = document.createElement("a");
        a.href = item.url;
        a.textContent = item.title;
        li.appendChild(a);
        list.appendChild(li);
      }
      list.hidden = items.length === 0;
    };
    input.addEventListener("input", () => {
      clearTimeout(timer);
      const q = input.value.trim();
      if (q.length < 2) return close();
      timer = setTimeout(async () => {
        pending?.abort();
        pending = new AbortController();
        try {
          const res = await fetch(`/api/v1/search?${new URLSearchParams({ q, lang, limit: "5" })}`, { signal: pending.signal, headers: { accept: "application/json" } });
          if (!res.ok) return close();
          const body = await res.json();
          if (input.value.trim() === q) show(Array.isArray(body.items) ? body.items : []);
        } catch {
          // aborted by a newer query, or offline: the form still works
        }
      }, 200);
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "Escape") close();
      if (event.key === "ArrowDown" && !list.hidden) {
        event.preventDefault();
        list.querySelector("a")?.focus();
      }
    });
    list.addEventListener("keydown", (event) => {
      const links = [...list.querySelectorAll("a")];
      const at = links.indexOf(document.activeElement);
      if (event.key === "ArrowDown") links[Math.min(at + 1, links.length - 1)]?.focus();
      else if (event.key === "ArrowUp") (at <= 0 ? input : links[at - 1])?.focus();
      else if (event.key === "Escape") {
        close();
        input.focus();
      } else return;
      event.preventDefault();
    });
    document.addEventListener("click", (event) => {
      if (!form.contains(event.target)) close();
    });
  }
})();
