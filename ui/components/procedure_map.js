// Procedure map viewer: the server-rendered Graphviz SVG with pan (drag), zoom (wheel, buttons) and
// clicks on steps, documents and results. A click shows the part's card at once and tells Streamlit
// which part it was (trigger "clicked"), so the page's own details follow. No library, no network.
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let root = parentElement.querySelector(".tg-map");
  if (!root) {
    root = document.createElement("div");
    root.className = "tg-map";
    root.innerHTML =
      '<div class="tg-toolbar">' +
      '<button data-act="in"></button><button data-act="out"></button>' +
      '<button data-act="fit"></button><button data-act="one"></button>' +
      '<span class="tg-zoom"></span><span class="tg-hint"></span></div>' +
      '<div class="tg-whole"></div><div class="tg-viewport"><div class="tg-canvas"></div>' +
      '<div class="tg-card" hidden><button class="tg-close" aria-label="×">×</button>' +
      '<div class="tg-kind"></div><h4></h4><div class="tg-body"></div></div></div>';
    parentElement.appendChild(root);
    root._view = { x: 0, y: 0, s: 1, w: 0, h: 0 };
    wire(root);
  }
  root._data = data;
  root._send = setTriggerValue;
  const labels = data.labels || {};
  for (const button of root.querySelectorAll(".tg-toolbar button")) {
    const text = labels[button.dataset.act] || button.dataset.act;
    button.textContent = text;
    button.title = labels[button.dataset.act + "_help"] || text;
  }
  root.querySelector(".tg-hint").textContent = labels.hint || "";
  const viewport = root.querySelector(".tg-viewport");
  viewport.style.height = (data.height || 680) + "px";
  if (root._svg !== data.svg) {
    root._svg = data.svg;
    const canvas = root.querySelector(".tg-canvas");
    canvas.innerHTML = data.svg;
    const svg = canvas.querySelector("svg");
    if (svg) {
      // Graphviz sizes the drawing in points; draw one point as one CSS pixel.
      const box = svg.viewBox.baseVal;
      root._view.w = box.width;
      root._view.h = box.height;
      svg.setAttribute("width", box.width);
      svg.setAttribute("height", box.height);
    }
    showLabelAbove(root, svg);
    initialView(root);
    root.querySelector(".tg-card").hidden = true;
  }
  select(root, data.selected || null, false);
}

function wire(root) {
  const viewport = root.querySelector(".tg-viewport");
  const view = root._view;
  let drag = null;
  viewport.addEventListener("pointerdown", (event) => {
    if (event.target.closest(".tg-card")) return;
    drag = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y, moved: false };
    viewport.setPointerCapture(event.pointerId);
  });
  viewport.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const dx = event.clientX - drag.x, dy = event.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 4) drag.moved = true;
    if (drag.moved) {
      viewport.classList.add("tg-dragging");
      view.x = drag.vx + dx;
      view.y = drag.vy + dy;
      apply(root);
    }
  });
  const end = (event) => {
    if (!drag) return;
    const moved = drag.moved;
    drag = null;
    viewport.classList.remove("tg-dragging");
    if (!moved) click(root, event);
  };
  viewport.addEventListener("pointerup", end);
  viewport.addEventListener("pointercancel", () => { drag = null; });
  // The SVG's links point at "#part"; never let the browser follow them.
  viewport.addEventListener("click", (event) => {
    if (!event.target.closest(".tg-card")) event.preventDefault();
  });
  viewport.addEventListener("wheel", (event) => {
    event.preventDefault();
    const rect = viewport.getBoundingClientRect();
    zoomAt(root, Math.exp(-event.deltaY * 0.0015), event.clientX - rect.left, event.clientY - rect.top);
  }, { passive: false });
  root.querySelector(".tg-toolbar").addEventListener("click", (event) => {
    const act = event.target.dataset && event.target.dataset.act;
    const center = () => [viewport.clientWidth / 2, viewport.clientHeight / 2];
    if (act === "in") zoomAt(root, 1.25, ...center());
    if (act === "out") zoomAt(root, 0.8, ...center());
    if (act === "fit") fit(root);
    if (act === "one") initialView(root);
  });
  root.querySelector(".tg-close").addEventListener("click", () => {
    root.querySelector(".tg-card").hidden = true;
  });
}

function showLabelAbove(root, svg) {
  // The map's own label (the procedure's name, the findings and changes of the whole procedure) is drawn
  // for the downloads. Here panning would cut it, and the page's header already names the procedure: its
  // findings and changes go above the frame, and the label is hidden in the map.
  const graph = svg && svg.querySelector("g.graph");
  const lines = graph ? Array.from(graph.children).filter((el) => el.tagName.toLowerCase() === "text") : [];
  const above = root.querySelector(".tg-whole");
  above.replaceChildren(
    ...lines
      .filter((el) => el.getAttribute("font-weight") !== "bold")
      .map((el) => {
        const line = document.createElement("div");
        line.textContent = el.textContent;
        line.style.color = el.getAttribute("fill") || "";
        return line;
      })
  );
  for (const el of lines) el.style.display = "none";
}

function initialView(root) {
  // Full size, so the words read as they are: centred when the map is narrower than the frame, else
  // centred on the dossier, where reading starts; the hidden label's blank band scrolled off the top.
  const viewport = root.querySelector(".tg-viewport");
  const view = root._view;
  view.s = 1;
  view.x = Math.max(0, (viewport.clientWidth - view.w) / 2);
  view.y = 0;
  apply(root);
  const canvasTop = root.querySelector(".tg-canvas").getBoundingClientRect().top;
  const drawn = Array.from(root.querySelectorAll(".tg-canvas g.graph > g"));
  const top = Math.min(...drawn.map((g) => g.getBoundingClientRect().top - canvasTop));
  if (Number.isFinite(top) && top > 12) {
    view.y = 12 - top;
    apply(root);
  }
  const start = root.querySelector('[id="dossier"], .tg-canvas g.node');
  if (view.w > viewport.clientWidth && start) {
    const canvas = root.querySelector(".tg-canvas").getBoundingClientRect();
    const box = start.getBoundingClientRect();
    const middle = box.left - canvas.left + box.width / 2;
    view.x = Math.min(0, Math.max(viewport.clientWidth - view.w, viewport.clientWidth / 2 - middle));
    apply(root);
  }
}

function fit(root) {
  const viewport = root.querySelector(".tg-viewport");
  const view = root._view;
  if (!view.w || !view.h) return;
  view.s = Math.min(viewport.clientWidth / view.w, viewport.clientHeight / view.h, 1);
  view.x = (viewport.clientWidth - view.w * view.s) / 2;
  view.y = (viewport.clientHeight - view.h * view.s) / 2;
  apply(root);
}

function zoomAt(root, factor, px, py) {
  const view = root._view;
  const s = Math.min(4, Math.max(0.1, view.s * factor));
  view.x = px - (px - view.x) * (s / view.s);
  view.y = py - (py - view.y) * (s / view.s);
  view.s = s;
  apply(root);
}

function apply(root) {
  const view = root._view;
  root.querySelector(".tg-canvas").style.transform =
    `translate(${view.x}px, ${view.y}px) scale(${view.s})`;
  root.querySelector(".tg-zoom").textContent = Math.round(view.s * 100) + "%";
}

function partOf(target) {
  const link = target.closest && target.closest("a");
  if (!link) return null;
  const href = link.getAttribute("href") || link.getAttribute("xlink:href") || "";
  return href.startsWith("#") ? href.slice(1) : null;
}

function click(root, event) {
  const element = root.getRootNode().elementFromPoint
    ? root.getRootNode().elementFromPoint(event.clientX, event.clientY)
    : event.target;
  const token = partOf(element || event.target) || partOf(event.target);
  if (!token) return;
  select(root, token, true);
  root._send("clicked", token);
}

function select(root, token, show) {
  for (const old of root.querySelectorAll(".tg-selected")) old.classList.remove("tg-selected");
  if (!token) return;
  const node = root.querySelector(`[id="${token}"], [id="a_${token}"]`);
  if (node) node.classList.add("tg-selected");
  const card = (root._data.cards || {})[token];
  const box = root.querySelector(".tg-card");
  if (!card || !show) return;
  box.querySelector(".tg-kind").textContent = card.kind || "";
  box.querySelector("h4").textContent = card.title || "";
  const body = box.querySelector(".tg-body");
  body.replaceChildren();
  for (const [cls, text] of card.lines || []) {
    const p = document.createElement("p");
    p.className = cls;
    p.textContent = text;
    body.appendChild(p);
  }
  box.hidden = false;
  // Keep the chosen part in sight: slide the map left when the card would cover it.
  if (node) {
    const part = node.getBoundingClientRect(), over = box.getBoundingClientRect();
    const covered = part.right > over.left - 12 && part.top < over.bottom && part.bottom > over.top;
    if (covered) {
      root._view.x -= part.right - over.left + 24;
      apply(root);
    }
  }
}
