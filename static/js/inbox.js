// The inbox's select-all box ticks every verdict the chief may approve.
document.addEventListener("change", (event) => {
  if (event.target.id !== "select-all") return;
  document.querySelectorAll("input.pick").forEach((box) => { box.checked = event.target.checked; });
});
