/*
 * The preview player: one <audio> element in #player, outside #page, so it keeps
 * playing while htmx swaps pages under it.
 *
 * Tracks come from [data-track] elements (catalogue/_play.html: data-preview-url,
 * data-track-id, data-title, data-artist, data-href, data-image). Playing a track
 * inside a [data-playlist] queues the whole list from that track on; elsewhere the
 * track plays next and the rest of the queue stays. Without JavaScript the play
 * links open the clip itself; here they become real <button>s.
 */
(function () {
  "use strict";

  // Words in the page's language: the catalogue at /<language>/jsi18n/ (base.html loads
  // it first) defines gettext and interpolate; without it, the English source.
  var gettext = window.gettext || function (text) { return text; };
  var interpolate = window.interpolate || function (format, values) {
    var rest = values.slice();
    return format.replace(/%s/g, function () { return String(rest.shift()); });
  };

  var STORAGE_KEY = "crate.player";
  var RESTART_AFTER_SECONDS = 3;
  var player, audio, seek, toggleButton;
  var queue = [];
  var current = -1;

  function $(selector, root) { return (root || document).querySelector(selector); }
  function $$(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }

  function trackOf(element) {
    var d = element.dataset;
    return { id: d.trackId, url: d.previewUrl, title: d.title, artist: d.artist, href: d.href, image: d.image };
  }

  function formatTime(seconds) {
    var whole = Math.max(0, Math.floor(seconds || 0));
    return Math.floor(whole / 60) + ":" + String(whole % 60).padStart(2, "0");
  }

  // The queue survives a full page load (a territory switch reloads the page): it is
  // kept in sessionStorage with the position, and playback resumes where the browser
  // allows it (autoplay rules may ask for a click first).
  function save() {
    var state = { queue: queue, current: current, time: audio.currentTime || 0, playing: current >= 0 && !audio.paused };
    try { sessionStorage.setItem(STORAGE_KEY, JSON.stringify(state)); } catch (e) { /* private mode: no memory between loads */ }
  }

  function restore() {
    var saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || "null"); } catch (e) { saved = null; }
    if (!saved || !Array.isArray(saved.queue) || !saved.queue.length) { return; }
    queue = saved.queue;
    current = Math.min(saved.current, queue.length - 1);
    if (current < 0) { return; }
    audio.src = queue[current].url;
    audio.addEventListener("loadedmetadata", function resume() {
      audio.removeEventListener("loadedmetadata", resume);
      audio.currentTime = Math.min(saved.time || 0, audio.duration || 0);
      if (saved.playing) { audio.play().catch(render); }
    });
    if (saved.playing) { audio.preload = "auto"; audio.load(); }
  }

  function load(index, autoplay) {
    if (index < 0 || index >= queue.length) { return; }
    current = index;
    audio.src = queue[index].url;
    if (autoplay) { audio.play().catch(render); }
    render();
    save();
  }

  function playList(tracks, start) {
    queue = tracks;
    load(start, true);
  }

  function enqueue(track, playNext) {
    var at = playNext ? current + 1 : queue.length;
    queue.splice(at, 0, track);
    if (current < 0) { load(at, true); return; }
    announce(interpolate(playNext ? gettext("Playing next: %s") : gettext("Added to the queue: %s"), [track.title]));
    render();
    save();
  }

  function toggle() {
    if (current < 0) { if (queue.length) { load(0, true); } return; }
    if (audio.paused) { audio.play().catch(render); } else { audio.pause(); }
  }

  function step(delta) {
    if (delta < 0 && audio.currentTime > RESTART_AFTER_SECONDS) { audio.currentTime = 0; return; }
    load(current + delta, true);
  }

  function announce(text) {
    var status = $("[data-player-status]", player);
    if (status) { status.textContent = text; }
  }

  function playFrom(element) {
    var track = trackOf(element);
    if (queue[current] && queue[current].id === track.id) { toggle(); return; }
    var list = element.closest("[data-playlist]");
    if (list) {
      var elements = $$("[data-track]", list);
      playList(elements.map(trackOf), elements.indexOf(element));
    } else {
      queue.splice(current + 1, 0, track);
      load(current + 1, true);
    }
  }

  function renderQueue() {
    var list = $("[data-player-queue]", player);
    list.textContent = "";
    queue.forEach(function (track, index) {
      var item = document.createElement("li");
      var jump = document.createElement("button");
      jump.type = "button";
      jump.className = "player__queue-item";
      jump.dataset.playerJump = String(index);
      jump.textContent = track.title + (track.artist ? " · " + track.artist : "");
      if (index === current) { jump.setAttribute("aria-current", "true"); }
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "icon-button icon-button--tiny";
      remove.dataset.playerRemove = String(index);
      remove.setAttribute("aria-label", interpolate(gettext("Remove %s from the queue"), [track.title]));
      remove.textContent = "×";
      item.append(jump, remove);
      list.append(item);
    });
    $("[data-player-count]", player).textContent = String(queue.length);
  }

  function render() {
    var track = queue[current];
    var playing = Boolean(track) && !audio.paused;
    player.hidden = queue.length === 0;
    document.body.classList.toggle("has-player", !player.hidden);
    player.classList.toggle("is-playing", playing);
    toggleButton.setAttribute("aria-label", playing ? gettext("Pause") : gettext("Play"));
    $("[data-player-action=prev]", player).disabled = current <= 0;
    $("[data-player-action=next]", player).disabled = current >= queue.length - 1;
    var title = $("[data-player-title]", player);
    title.textContent = track ? track.title : gettext("Nothing playing");
    if (track && track.href) { title.href = track.href; }
    $("[data-player-artist]", player).textContent = track ? track.artist || "" : "";
    var art = $("[data-player-art]", player);
    if (track && track.image) { art.src = track.image; }
    renderQueue();
    markPlaying(track, playing);
    updateMediaSession(track);
  }

  // Every play button of the current track shows it is playing and offers to pause.
  function markPlaying(track, playing) {
    $$("[data-track]").forEach(function (element) {
      var isCurrent = Boolean(track) && element.dataset.trackId === track.id;
      element.classList.toggle("is-current", isCurrent);
      element.classList.toggle("is-playing", isCurrent && playing);
      var name = element.dataset.title + (element.dataset.artist ? " by " + element.dataset.artist : "");
      element.setAttribute("aria-label", interpolate(isCurrent && playing ? gettext("Pause preview: %s") : gettext("Play preview: %s"), [name]));
    });
  }

  function updateProgress() {
    var duration = isFinite(audio.duration) ? audio.duration : 30;
    seek.max = String(duration);
    seek.value = String(audio.currentTime);
    seek.style.setProperty("--progress", (100 * audio.currentTime / duration).toFixed(2) + "%");
    seek.setAttribute("aria-valuetext", interpolate(gettext("%s of %s"), [formatTime(audio.currentTime), formatTime(duration)]));
    $("[data-player-time]", player).textContent = formatTime(audio.currentTime);
    $("[data-player-duration]", player).textContent = formatTime(duration);
  }

  function updateMediaSession(track) {
    if (!("mediaSession" in navigator) || !track || typeof MediaMetadata === "undefined") { return; }
    navigator.mediaSession.metadata = new MediaMetadata({
      title: track.title, artist: track.artist || "", artwork: track.image ? [{ src: track.image, sizes: "100x100", type: "image/jpeg" }] : []
    });
  }

  // Without JS a play control is a link to the clip; with JS it is a button.
  function upgrade(root) {
    $$("a.play[data-track]", root).forEach(function (link) {
      var button = document.createElement("button");
      button.type = "button";
      Array.prototype.forEach.call(link.attributes, function (attribute) {
        if (attribute.name === "class" || attribute.name.indexOf("data-") === 0 || attribute.name.indexOf("aria-") === 0) {
          button.setAttribute(attribute.name, attribute.value);
        }
      });
      button.innerHTML = link.innerHTML;
      link.replaceWith(button);
    });
    markPlaying(queue[current], current >= 0 && !audio.paused);
  }

  function onClick(event) {
    var target = event.target.closest("[data-track], [data-queue-add], [data-play-all], [data-player-action], [data-player-jump], [data-player-remove]");
    if (!target) { return; }
    event.preventDefault();
    var data = target.dataset;
    if (target.hasAttribute("data-track")) { if (data.previewUrl) { playFrom(target); } }
    else if ("queueAdd" in data) { enqueue(trackOf(target.closest("[data-track-item]").querySelector("[data-track]")), data.queueAdd === "next"); }
    else if (data.playAll) { playList($$("[data-track]", $(data.playAll)).map(trackOf), 0); }
    else if (data.playerJump) { load(Number(data.playerJump), true); }
    else if (data.playerRemove) { removeAt(Number(data.playerRemove)); }
    else {
      var actions = { toggle: toggle, prev: function () { step(-1); }, next: function () { step(1); }, clear: clear };
      if (actions[data.playerAction]) { actions[data.playerAction](); }
    }
  }

  function removeAt(index) {
    queue.splice(index, 1);
    if (index === current) { audio.pause(); current = Math.min(index, queue.length - 1); if (current >= 0) { audio.src = queue[current].url; } }
    else if (index < current) { current -= 1; }
    render();
    save();
  }

  function clear() {
    audio.pause();
    audio.removeAttribute("src");
    queue = [];
    current = -1;
    render();
    save();
  }

  function onKeydown(event) {
    // Space plays or pauses while focus is anywhere in the player except where it means something else.
    if (event.key !== " " || event.target.closest("button, a, summary, select, textarea, input:not([type=range])")) { return; }
    event.preventDefault();
    toggle();
  }

  function init() {
    player = $("#player");
    if (!player) { return; }
    audio = $("audio", player);
    seek = $("[data-player-seek]", player);
    toggleButton = $("[data-player-action=toggle]", player);
    restore();
    audio.addEventListener("play", render);
    audio.addEventListener("pause", render);
    audio.addEventListener("timeupdate", updateProgress);
    audio.addEventListener("loadedmetadata", updateProgress);
    audio.addEventListener("ended", function () { if (current < queue.length - 1) { step(1); } else { render(); } });
    audio.addEventListener("error", function () { announce(gettext("This preview could not be played.")); render(); });
    seek.addEventListener("input", function () { audio.currentTime = Number(seek.value); updateProgress(); });
    player.addEventListener("keydown", onKeydown);
    window.addEventListener("pagehide", save);
    document.addEventListener("click", onClick);
    document.addEventListener("htmx:load", function (event) { upgrade(event.detail.elt); });
    if ("mediaSession" in navigator) {
      navigator.mediaSession.setActionHandler("play", toggle);
      navigator.mediaSession.setActionHandler("pause", toggle);
      navigator.mediaSession.setActionHandler("previoustrack", function () { step(-1); });
      navigator.mediaSession.setActionHandler("nexttrack", function () { step(1); });
    }
    upgrade(document);
    render();
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
