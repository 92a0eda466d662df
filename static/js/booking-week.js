// The booking page's week of free times (bookings/templates/bookings/includes/week.html).
// Without this file every free time is a link that fills in the form on the server.
// With it: the links become buttons; the first chooses the start (and the shortest
// booking as the end), a later free time the same day — clicked, or reached by
// dragging — the end (refused, with the reason, when the time between is not all free,
// or too long or short; a second such click starts anew); the form's date, start and
// end follow, and the chosen time is said in one sentence (#booking-summary,
// announced). Typing in the form shows the typed time in the week. On a phone, a strip
// of days shows one day at a time, first the day of the form's date (?date=…). The day
// of the form's date is marked (aria-current) in the week and the strip.
// Sentences and lengths come from the page (#booking-week-config, json_script).
(() => {
  // After a refused request, the error summary (or the list of a weekly request's
  // dates) takes the focus, so it is read first.
  const answer = document.getElementById("booking-errors") || document.getElementById("series-check");
  if (answer) answer.focus();

  const root = document.querySelector("[data-week]");
  const form = document.getElementById("booking-form");
  const data = document.getElementById("booking-week-config");
  if (!root || !form || !data) return;
  const config = JSON.parse(data.textContent);
  const fields = { date: form.elements.date, start: form.elements.start, end: form.elements.end };
  const summary = document.getElementById("booking-summary");
  const message = root.querySelector("[data-week-message]");

  const minutes = (text) => {
    const match = /^(\d{2}):(\d{2})$/.exec(text || "");
    return match ? Number(match[1]) * 60 + Number(match[2]) : null;
  };
  const clock = (value) =>
    `${String(Math.floor(value / 60) % 24).padStart(2, "0")}:${String(value % 60).padStart(2, "0")}`;
  const format = (text, values) =>
    text.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? values[key] : whole));
  const length = (value) => config.lengths[String(value)] || `${value}′`;

  // The help says how the buttons choose; without this file it says how the links do.
  root.querySelectorAll("[data-help-nojs]").forEach((help) => { help.hidden = true; });
  root.querySelectorAll("[data-help-js]").forEach((help) => { help.hidden = false; });

  // Free times become buttons (Enter and Space choose them).
  root.querySelectorAll("a.week__slot--free").forEach((link) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    ["aria-label", "data-start", "data-end", "data-name", "data-name-chosen", "data-label"].forEach((name) =>
      button.setAttribute(name, link.getAttribute(name))
    );
    button.setAttribute("aria-pressed", link.classList.contains("is-chosen") ? "true" : "false");
    button.append(...link.childNodes);
    link.replaceWith(button);
  });

  const days = [...root.querySelectorAll(".week__day")];
  // One Tab stop for the whole week (the chosen time, else the first free one); the
  // arrow keys move between free times, so Tab goes on to the form.
  const rove = (cell) => {
    root.querySelectorAll("button.week__slot").forEach((b) => { b.tabIndex = b === cell ? 0 : -1; });
  };
  const cellsOf = (day) => [...day.querySelectorAll(".week__slot")];
  const isFree = (cell) => cell.classList.contains("week__slot--free");
  let selection = null; // {day, from, to, open}: cells from..to of a day; open: the end may follow

  const say = (text, problem) => {
    message.textContent = text;
    message.classList.toggle("week__message--problem", Boolean(problem));
  };

  // A chosen time says so, in words and in its name ("선택함" / "Chosen"), besides its
  // check mark; unchosen, it says free again (the words come from the template).
  const state = (cell, on) => {
    cell.classList.toggle("is-chosen", on);
    if (cell.hasAttribute("aria-pressed")) cell.setAttribute("aria-pressed", on ? "true" : "false");
    const name = cell.dataset[on ? "nameChosen" : "name"];
    if (name) cell.setAttribute("aria-label", name);
    const words = cell.querySelector(".week__state");
    const label = on ? root.dataset.chosenLabel : cell.dataset.label;
    if (words && label) words.textContent = label;
  };
  const mark = (chosen) => {
    root.querySelectorAll(".week__slot.is-chosen").forEach((cell) => state(cell, false));
    if (!chosen) return;
    cellsOf(chosen.day)
      .slice(chosen.from, chosen.to + 1)
      .forEach((cell) => state(cell, true));
  };

  const sentence = (label, start, end) =>
    format(config.summary, { day: label, start: clock(start), end: end >= 1440 ? "24:00" : clock(end), length: length(end - start) });

  const choose = (chosen) => {
    selection = chosen;
    const cells = cellsOf(chosen.day);
    const start = minutes(cells[chosen.from].dataset.start);
    const end = minutes(cells[chosen.to].dataset.end);
    fields.date.value = chosen.day.dataset.date;
    fields.start.value = clock(start);
    fields.end.value = clock(end); // 24:00 is written 00:00: the server reads it as midnight
    mark(chosen);
    show(chosen.day);
    summary.textContent = sentence(chosen.day.dataset.label, start, end);
    say(summary.textContent);
    rove(cells[chosen.to]);
  };

  const pick = (day, index) => {
    const cells = cellsOf(day);
    const cell = cells[index];
    if (selection && selection.open && selection.day === day && index > selection.from) {
      const first = cells[selection.from];
      const start = minutes(first.dataset.start);
      const blocked = cells.slice(selection.from, index + 1).find((c) => !isFree(c));
      const span = minutes(cell.dataset.end) - start;
      let problem = "";
      if (blocked) {
        problem = format(config.across, { start: first.dataset.start, end: cell.dataset.end, limit: blocked.dataset.start });
      } else if (span > config.max) {
        problem = format(config.tooLong, { length: length(config.max), limit: clock(start + config.max) });
      } else if (span < config.min) {
        problem = format(config.tooShort, { length: length(config.min) });
      }
      if (!problem) {
        choose({ day, from: selection.from, to: index, open: false });
        return;
      }
      // Refused once, with the reason; a second end that cannot be is a new start.
      if (!selection.refused) {
        selection.refused = true;
        say(problem, true);
        return;
      }
    }
    // A new start, with the shortest booking from it.
    const count = Math.max(1, Math.ceil(config.min / config.step));
    const run = cells.slice(index, index + count);
    if (run.length < count || !run.every(isFree)) {
      say(format(config.noRoom, { start: cell.dataset.start, length: length(config.min) }), true);
      return;
    }
    choose({ day, from: index, to: index + count - 1, open: true });
  };

  const locate = (cell) => {
    const day = cell.closest(".week__day");
    return { day, index: cellsOf(day).indexOf(cell) };
  };

  // Dragging with a mouse from a free time to a later one chooses both ends.
  let drag = null;
  let dragged = false;
  root.addEventListener("pointerdown", (event) => {
    dragged = false;
    const cell = event.target.closest("button.week__slot");
    drag = cell && event.pointerType === "mouse" && event.button === 0 ? locate(cell) : null;
  });
  root.addEventListener("pointerup", (event) => {
    const cell = event.target.closest("button.week__slot");
    const from = drag;
    drag = null;
    if (!from || !cell) return;
    const to = locate(cell);
    if (to.day !== from.day || to.index <= from.index) return;
    dragged = true;
    selection = null;
    pick(from.day, from.index);
    if (selection) pick(to.day, to.index);
  });

  root.addEventListener("click", (event) => {
    const cell = event.target.closest("button.week__slot");
    if (!cell) return;
    if (dragged) {
      dragged = false;
      return;
    }
    const { day, index } = locate(cell);
    pick(day, index);
  });

  // Arrow keys move between free times: up and down within a day, left and right to
  // the nearest free time of the next days.
  root.addEventListener("keydown", (event) => {
    const cell = event.target.closest("button.week__slot");
    if (!cell || !["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"].includes(event.key)) return;
    const { day, index } = locate(cell);
    let target = null;
    if (event.key === "ArrowUp" || event.key === "ArrowDown") {
      const cells = cellsOf(day);
      const step = event.key === "ArrowDown" ? 1 : -1;
      for (let i = index + step; i >= 0 && i < cells.length && !target; i += step) {
        if (isFree(cells[i])) target = cells[i];
      }
    } else {
      const step = event.key === "ArrowRight" ? 1 : -1;
      for (let d = days.indexOf(day) + step; d >= 0 && d < days.length && !target; d += step) {
        if (!visible(days[d])) continue;
        const free = cellsOf(days[d]).map((c, i) => [c, i]).filter(([c]) => isFree(c));
        free.sort((a, b) => Math.abs(a[1] - index) - Math.abs(b[1] - index));
        if (free.length) target = free[0][0];
      }
    }
    if (target) {
      event.preventDefault();
      rove(target);
      target.focus();
    }
  });

  // "Go on in the form" (right after the chosen time, the next Tab stop after the
  // week): the focus goes to the first required field still empty (the number of
  // people once a time is chosen), else to the form's heading, its target without
  // this file.
  root.querySelectorAll("[data-to-form]").forEach((link) => {
    link.addEventListener("click", (event) => {
      const empty = [...form.querySelectorAll("input[required], textarea[required]")].find(
        (field) => !field.value.trim()
      );
      const target = empty || document.getElementById("booking-form-title");
      if (!target) return;
      event.preventDefault();
      target.focus();
    });
  });

  // The form's own fields, typed: show that time in the week.
  const follow = () => {
    const date = fields.date.value;
    const start = minutes(fields.start.value);
    let end = minutes(fields.end.value);
    if (end === 0 && start) end = 1440;
    const day = days.find((d) => d.dataset.date === date);
    selection = null;
    if (day) show(day);
    if (!date || start === null || end === null || end <= start) {
      mark(null);
      summary.textContent = "";
      return;
    }
    summary.textContent = sentence(day ? day.dataset.label : date, start, end);
    if (!day) {
      mark(null);
      return;
    }
    const cells = cellsOf(day);
    const from = cells.findIndex((c) => minutes(c.dataset.start) === start);
    const to = cells.findIndex((c) => minutes(c.dataset.end) === end);
    if (from >= 0 && to >= from) {
      selection = { day, from, to, open: false };
      mark(selection);
    } else {
      mark(null);
    }
  };
  Object.values(fields).forEach((field) => {
    field.addEventListener("change", follow);
    field.addEventListener("input", follow);
  });

  // The day strip: one day at a time where the week does not fit.
  const strip = [...root.querySelectorAll(".week__strip-day")];
  const visible = (day) => !root.classList.contains("week--one-day") || day.classList.contains("is-shown") || !narrow.matches;
  const narrow = window.matchMedia("(max-width: 40rem)");
  // Shows ``day`` on a phone and marks it as the form's day everywhere.
  const show = (day) => {
    days.forEach((d) => {
      d.classList.toggle("is-shown", d === day);
      if (d === day) d.setAttribute("aria-current", "date");
      else d.removeAttribute("aria-current");
    });
    if (!day.querySelector("button.week__slot[tabindex='0']")) {
      const free = day.querySelector("button.week__slot");
      if (free && narrow.matches) rove(free);
    }
    strip.forEach((link) => {
      if (link.dataset.day === day.dataset.date) link.setAttribute("aria-current", "date");
      else link.removeAttribute("aria-current");
    });
  };
  root.classList.add("week--one-day");
  strip.forEach((link) => {
    link.addEventListener("click", (event) => {
      const day = days.find((d) => d.dataset.date === link.dataset.day);
      if (!day) return;
      event.preventDefault();
      show(day);
    });
  });
  // First the day of the form's date (a link with ?date=…), else the first with a free time.
  const asked = days.find((d) => d.dataset.date === fields.date.value);
  const firstFree = days.find((d) => cellsOf(d).some(isFree)) || days[0];
  if (days.length) show(asked || firstFree);
  rove(root.querySelector("button.week__slot.is-chosen") || root.querySelector("button.week__slot"));
  if (fields.start.value) follow();
})();
