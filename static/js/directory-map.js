// The directory's map: progressive enhancement of the filtered list (without
// JavaScript the page is the plain list and the map stays hidden). The map and the list
// always show the same filtered set: changing a filter, panning or zooming updates
// both, and the address keeps the state (filters, "bbox" for the map's area, "near"),
// so a link reopens the same view. The list stays the map's accessible twin: markers
// take no keyboard stops; each card has a "Show on map" button instead.
(() => {
  "use strict";
  const box = document.querySelector("[data-directory-map]");
  if (!box || !window.L || !window.fetch || !window.URLSearchParams || !window.DOMParser) return;
  const strings = JSON.parse(document.getElementById("directory-map-strings").textContent);
  const form = document.querySelector("[data-directory-filters]");
  const canvas = box.querySelector("[data-map-canvas]");
  const status = box.querySelector("[data-map-status]");
  const format = (text, values) => text.replace(/%\((\w+)\)s/g, (_, key) => values[key]);
  // A count's string: its singular ("spacesOne": "1 space on the map") for 1, where the
  // language has one; else the plural, with the count put in.
  const counted = (name, count) =>
    count === 1 && strings[`${name}One`]
      ? strings[`${name}One`]
      : format(strings[name], { count: count.toLocaleString() });
  const clamp = (n, low, high) => Math.min(high, Math.max(low, n));

  box.hidden = false;
  const map = L.map(canvas, { scrollWheelZoom: false, keyboard: true, minZoom: 5, maxZoom: 19, zoomControl: false });
  L.control.zoom({ zoomInTitle: strings.zoomInButton, zoomOutTitle: strings.zoomOutButton }).addTo(map);
  L.tileLayer(box.dataset.tiles, { attribution: box.dataset.attribution, maxZoom: 19 }).addTo(map);
  if (window.portalMapOutlines) window.portalMapOutlines(map);
  const SHOW_ZOOM = 17; // "Show on map" zooms here; markers are never grouped from here on
  const pointLayer = L.markerClusterGroup({
    showCoverageOnHover: false, chunkedLoading: true, disableClusteringAtZoom: SHOW_ZOOM,
  });
  const clusterLayer = L.layerGroup();
  map.addLayer(pointLayer);
  map.addLayer(clusterLayer);
  const markers = new Map(); // space id -> marker
  let hereMarker = null;
  let programmatic = false; // true while we move the map ourselves (not "search this area")
  let pendingPopup = null; // space id to open once its marker is loaded
  let request = 0; // answers to older marker requests are dropped
  let listRequest = 0; // and to older list requests

  const toBounds = (text) => {
    const [w, s, e, n] = text.split(",").map(Number);
    return L.latLngBounds([s, w], [n, e]);
  };
  const bboxOf = (bounds) =>
    [
      clamp(bounds.getWest(), -180, 180),
      clamp(bounds.getSouth(), -90, 90),
      clamp(bounds.getEast(), -180, 180),
      clamp(bounds.getNorth(), -90, 90),
    ]
      .map((n) => n.toFixed(5))
      .join(",");

  // Our own moves are not animated, so their moveend arrives before this returns.
  function moveMap(action) {
    programmatic = true;
    try { action(); } finally { programmatic = false; }
  }

  // Near a place the list holds the spaces within a radius of it (the page says which:
  // data-near, data-near-radius in km, data-near-label); the map shows that circle and
  // asks for the same spaces, so both count the same.
  const near = { point: "", radius: 0, label: "" };
  let nearCircle = null;
  let placesCredited = false;

  function readNear(element) {
    near.point = (element && element.dataset.near) || "";
    near.radius = Number((element && element.dataset.nearRadius) || 0);
    near.label = (element && element.dataset.nearLabel) || "";
    return near.point;
  }

  // Around a place: the whole circle in view.
  function fitNear(text) {
    const [lat, lng] = text.split(",").map(Number);
    moveMap(() => {
      if (near.radius) {
        const circle = L.latLng(lat, lng).toBounds(near.radius * 2000);
        map.fitBounds(circle, { padding: [8, 8], animate: false });
      } else {
        map.setView([lat, lng], 14, { animate: false });
      }
    });
  }

  function showNear(text) {
    if (hereMarker) hereMarker.remove();
    if (nearCircle) nearCircle.remove();
    hereMarker = nearCircle = null;
    const credit = form.querySelector("[data-place-credit]");
    if (credit && map.attributionControl && !placesCredited) {
      map.attributionControl.addAttribution(credit.dataset.placeCredit); // the gazetteer's source
      placesCredited = true;
    }
    if (!text) return;
    const [lat, lng] = text.split(",").map(Number);
    if (near.radius) {
      nearCircle = L.circle([lat, lng], {
        radius: near.radius * 1000, color: "#1a56db", weight: 2, dashArray: "6 6",
        fill: false, interactive: false,
      }).addTo(map);
    }
    hereMarker = L.circleMarker([lat, lng], {
      radius: 9, color: "#fff", weight: 3, fillColor: "#1a56db", fillOpacity: 1, keyboard: false,
    }).bindTooltip(near.label || strings.youAreHere).addTo(map);
  }

  // --- markers -------------------------------------------------------------------

  // A pin is a copy of its type's legend entry (the type's icon in a ring of its colour),
  // so the map and its legend cannot disagree. A type the page does not know yet (added
  // since it was rendered) gets the fallback icon in the type's colour.
  const legendIcons = new Map();
  for (const icon of box.querySelectorAll("[data-map-legend] [data-type-icon]")) {
    legendIcons.set(icon.dataset.typeIcon, icon);
  }
  const fallbackIcon = box.querySelector("template[data-fallback-icon]").content.firstElementChild;

  function pin(props) {
    const known = legendIcons.get(props.type);
    const el = (known || fallbackIcon).cloneNode(true);
    if (!known && /^#[0-9a-f]{6}$/i.test(props.colour || "")) {
      el.querySelector("circle").setAttribute("fill", props.colour);
    }
    return L.divIcon({
      className: "map-pin", html: el, iconSize: [32, 32], iconAnchor: [16, 16], popupAnchor: [0, -16],
    });
  }

  // The time the list is filtered by (date, start, end) goes with a space's link, as on
  // the list's cards: the space page shows that day and its booking link asks for it.
  function windowQuery() {
    const params = new URLSearchParams(window.location.search);
    const chosen = new URLSearchParams();
    for (const [name, pattern] of [["date", /^\d{4}-\d{2}-\d{2}$/], ["start", /^\d{2}:\d{2}$/], ["end", /^\d{2}:\d{2}$/]]) {
      const value = params.get(name) || "";
      if (!pattern.test(value)) return "";
      chosen.set(name, value);
    }
    return `?${chosen}`;
  }

  function popup(props) {
    const root = document.createElement("div");
    root.className = "map-popup";
    const title = document.createElement("a");
    title.href = props.url + windowQuery();
    title.textContent = props.title;
    title.className = "map-popup__title";
    const meta = document.createElement("p");
    meta.textContent = [props.type_label, props.district_label].filter(Boolean).join(" · ");
    root.append(title, meta);
    if (props.capacity) {
      const size = document.createElement("p");
      size.textContent = counted("capacity", props.capacity);
      root.append(size);
    }
    return root;
  }

  function clusterIcon(count) {
    const el = document.createElement("span");
    el.className = "map-cluster__badge";
    el.textContent = count.toLocaleString();
    const size = count < 100 ? 36 : count < 1000 ? 44 : 52;
    return L.divIcon({ className: "map-cluster", html: el, iconSize: [size, size] });
  }

  function draw(data) {
    pointLayer.clearLayers();
    clusterLayer.clearLayers();
    markers.clear();
    const points = [];
    for (const feature of data.features) {
      const [lng, lat] = feature.geometry.coordinates;
      const props = feature.properties;
      if (props.cluster) {
        const marker = L.marker([lat, lng], {
          icon: clusterIcon(props.count), keyboard: false, title: format(strings.zoomIn, { count: props.count }),
        });
        marker.on("click", () => {
          const [w, s, e, n] = props.bbox;
          map.fitBounds([[s, w], [n, e]], { padding: [24, 24], maxZoom: map.getZoom() + 3 });
        });
        clusterLayer.addLayer(marker);
      } else {
        const marker = L.marker([lat, lng], { icon: pin(props), keyboard: false, title: props.title, alt: props.title });
        marker.bindPopup(popup(props));
        markers.set(String(props.id), marker);
        points.push(marker);
      }
    }
    pointLayer.addLayers(points);
    status.textContent = counted(data.clustered ? "clusters" : "spaces", data.total);
    canvas.dataset.loaded = String(data.total);
    if (pendingPopup && markers.has(pendingPopup)) markers.get(pendingPopup).openPopup();
    pendingPopup = null;
  }

  function loadMarkers(params) {
    const query = new URLSearchParams();
    for (const [key, value] of params) {
      if (!["page", "sort", "bbox", "near", "radius"].includes(key) && value) query.append(key, value);
    }
    if (near.point) {
      // The point and radius the page resolved the place to: the list's own circle.
      query.set("near", near.point);
      query.set("radius", String(near.radius));
    }
    // Near a place the circle bounds the answer; only "search this area" narrows it more.
    if (!near.point || params.get("bbox")) query.set("bbox", bboxOf(map.getBounds()));
    query.set("zoom", String(map.getZoom()));
    query.set("lang", box.dataset.lang);
    const mine = ++request;
    canvas.setAttribute("aria-busy", "true");
    return fetch(`${box.dataset.api}?${query}`, { headers: { Accept: "application/geo+json" } })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((data) => { if (mine === request) draw(data); })
      .catch(() => { if (mine === request) status.textContent = strings.failed; })
      .finally(() => canvas.setAttribute("aria-busy", "false"));
  }

  // --- the list ------------------------------------------------------------------

  function decorateCards(root) {
    for (const card of root.querySelectorAll(".space-card[data-space-id]")) {
      if (card.querySelector("[data-show-on-map]") || !card.dataset.lat) continue;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button button--secondary space-card__map-button";
      button.dataset.showOnMap = card.dataset.spaceId;
      button.textContent = strings.showOnMap;
      const title = card.querySelector(".space-card__title");
      if (title) button.setAttribute("aria-label", `${strings.showOnMap}: ${title.textContent.trim()}`);
      card.querySelector(".space-card__body").append(button);
    }
  }

  function showOnMap(card) {
    const id = card.dataset.spaceId;
    if (narrow()) showView("map");
    box.scrollIntoView({ block: "nearest" });
    const marker = markers.get(id);
    const point = marker ? marker.getLatLng() : [Number(card.dataset.lat), Number(card.dataset.lng)];
    moveMap(() => map.setView(point, Math.max(map.getZoom(), SHOW_ZOOM), { animate: false }));
    if (narrow()) canvas.focus({ preventScroll: true }); // the list it came from is hidden now
    if (marker) {
      marker.openPopup();
      return;
    }
    pendingPopup = id; // not loaded yet (the area held too many spaces): load, then open
    loadMarkers(new URLSearchParams(window.location.search));
  }

  const results = document.querySelector("[data-directory-results]");
  const notices = document.querySelector("[data-directory-notices]");

  // --- the filter panel and list or map (below 56rem) --------------------------------

  const directory = document.querySelector("[data-directory]");
  const panel = document.querySelector("[data-filters-panel]");
  const toggle = document.querySelector("[data-view-toggle]");
  const narrow = () => !window.matchMedia(panel.dataset.openWhen).matches;

  function showView(view) {
    directory.dataset.view = view;
    for (const button of toggle.querySelectorAll("[data-view]")) {
      button.setAttribute("aria-pressed", String(button.dataset.view === view));
    }
  }

  // The panel's button counts the active filters (the list's chips), each group its
  // ticked boxes: the server writes both, this keeps them right as the list updates.
  function updateCounts() {
    for (const group of form.querySelectorAll("[data-filter-group]")) {
      const chosen = group.querySelectorAll("input:checked").length;
      group.querySelector("[data-filter-count]").textContent = chosen ? `(${chosen})` : "";
    }
    const active = results.querySelectorAll(".chips .chip").length;
    panel.querySelector("[data-filters-count]").textContent = active ? `(${active})` : "";
  }

  function updateList(url) {
    const mine = ++listRequest;
    results.setAttribute("aria-busy", "true");
    return fetch(url, { headers: { Accept: "text/html" } })
      .then((response) => response.text())
      .then((html) => {
        if (mine !== listRequest) return null; // a newer request is on its way: keep its answer
        const doc = new DOMParser().parseFromString(html, "text/html");
        const fresh = doc.querySelector("[data-directory-results]");
        if (!fresh) throw new Error("no results in the answer");
        results.innerHTML = fresh.innerHTML;
        const freshNotices = doc.querySelector("[data-directory-notices]");
        if (freshNotices) notices.innerHTML = freshNotices.innerHTML;
        decorateCards(results);
        updateCounts();
        const count = results.querySelector(".results__count");
        if (count) {
          count.tabIndex = -1;
          document.querySelector("[data-list-status]").textContent = count.textContent.trim();
        }
        return readNear(doc.querySelector("[data-directory-map]"));
      })
      .catch(() => { if (mine === listRequest) window.location.assign(url); })
      .finally(() => { if (mine === listRequest) results.setAttribute("aria-busy", "false"); });
  }

  // A link (a filter chip, a page of results) changed the filters: the form shows them too,
  // so the next change in the form does not bring a removed filter back.
  function setFormFields(params) {
    for (const field of form.elements) {
      if (!field.name || field.type === "submit" || field.type === "button") continue;
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = params.getAll(field.name).includes(field.value);
      } else if (field.tagName === "SELECT") {
        if (params.has(field.name)) field.value = params.get(field.name); // else its default stays
      } else if (field.type !== "hidden") {
        field.value = params.get(field.name) || "";
      }
    }
  }

  function formParams() {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) {
      if (typeof value === "string" && value.trim()) params.append(key, value.trim());
    }
    return params;
  }

  function setBboxField(value) {
    let field = form.querySelector("input[name=bbox]");
    if (!value) { if (field) field.remove(); return; }
    if (!field) {
      field = document.createElement("input");
      field.type = "hidden";
      field.name = "bbox";
      form.append(field);
    }
    field.value = value;
  }

  let wasNear = Boolean(box.dataset.near);
  function navigate(params, { push = true, recentre = false, leftArea = false } = {}) {
    const url = `${window.location.pathname}${params.toString() ? `?${params}` : ""}`;
    window.history[push ? "pushState" : "replaceState"]({ directory: true }, "", url);
    const near = params.get("near") || "";
    return updateList(url).then((nearPoint) => {
      if (nearPoint === null) return near; // overtaken by a newer navigation
      showNear(nearPoint);
      if (recentre && nearPoint && !params.get("bbox")) fitNear(nearPoint);
      // Out of "near" mode (the place removed, or one not found): the whole city again,
      // so the map holds what the list holds.
      // Likewise when a link dropped the map's area ("search the whole …", its chip).
      if (!nearPoint && (wasNear || leftArea) && !params.get("bbox")) {
        moveMap(() => map.fitBounds(toBounds(box.dataset.bounds), { animate: false }));
      }
      wasNear = Boolean(nearPoint);
      return loadMarkers(params);
    }).then(() => near);
  }

  // --- wiring --------------------------------------------------------------------

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    navigate(formParams(), { recentre: true }).then(() => {
      if (!narrow()) return;
      // On a phone the panel covers the results: close it and go to what was found.
      panel.open = false;
      const heading = results.querySelector(".results__count");
      if (heading && directory.dataset.view === "list") heading.focus();
      else panel.querySelector("summary").focus();
    });
  });
  form.addEventListener("change", (event) => {
    if (event.target.matches("input[type=checkbox]")) updateCounts();
    if (event.target.matches("input[type=checkbox], select")) navigate(formParams(), { recentre: true });
  });
  toggle.addEventListener("click", (event) => {
    const button = event.target.closest("[data-view]");
    if (button) showView(button.dataset.view);
  });
  results.addEventListener("click", (event) => {
    const button = event.target.closest("[data-show-on-map]");
    if (button) { showOnMap(button.closest(".space-card")); return; }
    const link = event.target.closest("a[href]");
    if (!link || link.origin !== window.location.origin || link.pathname !== window.location.pathname) return;
    event.preventDefault(); // a page of results or a filter chip: stay on the page
    const params = new URLSearchParams(link.search);
    // A link that drops the map's area shows the whole circle (or city) again.
    const leftArea = new URLSearchParams(window.location.search).has("bbox") && !params.get("bbox");
    setBboxField(params.get("bbox"));
    setFormFields(params);
    navigate(params, { recentre: leftArea, leftArea }).then(() => {
      const heading = results.querySelector(".results__count");
      if (heading) heading.focus();
    });
  });
  // A phone turned sideways resizes the map, and Leaflet reports the move after a pause:
  // that is not the visitor choosing an area either.
  let resized = false;
  map.on("resize", () => { resized = true; });
  map.on("moveend", () => {
    if (programmatic) { programmatic = false; return; }
    if (resized) { resized = false; return; }
    // The visitor panned or zoomed: search this area.
    const params = formParams();
    const bbox = bboxOf(map.getBounds());
    params.set("bbox", bbox);
    params.delete("page");
    setBboxField(bbox);
    navigate(params, { push: false });
  });
  window.addEventListener("popstate", () => window.location.reload());

  const locate = form.querySelector("[data-locate]");
  const locateStatus = form.querySelector("[data-locate-status]");
  if (locate && navigator.geolocation) {
    locate.hidden = false;
    locate.addEventListener("click", () => {
      locateStatus.textContent = strings.locating;
      navigator.geolocation.getCurrentPosition(
        (position) => {
          const { latitude, longitude } = position.coords;
          form.querySelector("input[name=near]").value = `${latitude.toFixed(5)},${longitude.toFixed(5)}`;
          const sort = form.querySelector("select[name=sort]");
          if (sort && !sort.querySelector("option[value=nearest]")) {
            const option = document.createElement("option");
            option.value = "nearest";
            option.textContent = strings.nearest;
            sort.append(option);
          }
          if (sort) sort.value = "nearest";
          setBboxField("");
          locateStatus.textContent = strings.located;
          navigate(formParams(), { recentre: true });
        },
        () => { locateStatus.textContent = strings.locateFailed; },
        { enableHighAccuracy: false, timeout: 10000, maximumAge: 60000 },
      );
    });
  }

  // --- first view ----------------------------------------------------------------

  showView("list");
  toggle.hidden = false;
  decorateCards(results);
  const listStatus = document.createElement("p");
  listStatus.className = "visually-hidden";
  listStatus.setAttribute("role", "status");
  listStatus.dataset.listStatus = "";
  results.before(listStatus);
  const count = results.querySelector(".results__count");
  if (count) count.tabIndex = -1;
  status.textContent = strings.loading;
  moveMap(() => {
    if (box.dataset.bbox) map.fitBounds(toBounds(box.dataset.bbox), { animate: false });
    else if (!box.dataset.near) map.fitBounds(toBounds(box.dataset.bounds), { animate: false });
  });
  readNear(box);
  if (box.dataset.near && !box.dataset.bbox) fitNear(box.dataset.near);
  showNear(box.dataset.near || "");
  loadMarkers(new URLSearchParams(window.location.search));
})();
