/*
 * 安居: the pages' own JavaScript. Plain ES2015, no build, no dependencies besides the vendored
 * htmx and (on chart pages) ECharts. CSP-safe: no eval, no inline handlers, no inline styles
 * (only CSSOM, which CSP allows). Everything is driven by data attributes:
 *
 *   input[data-idcard]          ID number: live GB 11643 check, fills [data-fill=sex] and
 *                               [data-fill=birthDate] in the same [data-row] (or form)
 *   [data-rows="members"]       repeatable rows: <template data-row-template>, [data-row-add],
 *                               [data-row-remove], [data-row-number], data-row-label="成员 {n}"
 *                               (for the confirm question); names members[i].x renumbered
 *   [data-divisions-url]        cascading division selects: select[data-division] inside, in order
 *   [data-chart="ID"]           ECharts chart from <script type="application/json" id="ID">
 *   [data-progress-url]         polls a JSON status until done/failed, drives a <progress>
 *   [data-check-all="NAME"]     a checkbox that ticks or clears every checkbox NAME in its form
 *   meta[name=csrf-token]       sent as X-CSRF-Token on htmx and fetch requests that change state
 *
 * Clicks and input are delegated from document, so rows and fields that htmx swaps in work
 * without setup; charts, selects and pollers are set up on load and on htmx:load.
 */
(function () {
  "use strict";

  // ---------- shared helpers ----------

  function csrfToken() {
    var m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.getAttribute("content") : "";
  }

  function getJSON(url) {
    return fetch(url, {
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    }).then(function (res) {
      if (!res.ok) throw new Error("HTTP " + res.status);
      return res.json();
    });
  }

  // Field errors are text: a <p class="field-error"> with the "错误:" prefix, linked to the field
  // with aria-describedby. Server-rendered errors use the same markup (see templates/).
  function setFieldError(field, message) {
    var box = field.closest(".field") || field.parentNode;
    var id = (field.name || field.id || "field").replace(/[^\w-]/g, "_") + "-error"; // web.ErrorID
    var p = box.querySelector(".field-error");
    if (!message) {
      if (p) p.parentNode.removeChild(p);
      box.classList.remove("field--invalid");
      field.removeAttribute("aria-invalid");
      field.removeAttribute("aria-describedby");
      return;
    }
    if (!p) {
      p = document.createElement("p");
      p.className = "field-error";
      box.appendChild(p);
    }
    p.id = id;
    p.textContent = "错误:" + message;
    box.classList.add("field--invalid");
    field.setAttribute("aria-invalid", "true");
    field.setAttribute("aria-describedby", id);
  }

  // ---------- (a) ID numbers: GB 11643-1999 ----------

  var WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  var CHECK_CHARS = "10X98765432";

  // parseIDCard returns {sex, birthDate} for a valid 18-character ID number, or {error}.
  // A shorter value while typing gives {partial: true}.
  function parseIDCard(raw, final) {
    var v = raw.replace(/\s+/g, "").toUpperCase();
    if (v === "") return { empty: true };
    if (!/^\d{0,17}$|^\d{17}[\dX]$/.test(v)) return { error: "身份证号码只能由数字和末位 X 组成" };
    if (v.length < 18) return final ? { error: "身份证号码应为 18 位，当前 " + v.length + " 位" } : { partial: true };
    var y = +v.substr(6, 4), m = +v.substr(10, 2), d = +v.substr(12, 2);
    var date = new Date(y, m - 1, d);
    if (y < 1900 || date.getFullYear() !== y || date.getMonth() !== m - 1 || date.getDate() !== d || date > new Date()) {
      return { error: "身份证号码中的出生日期无效" };
    }
    var sum = 0;
    for (var i = 0; i < 17; i++) sum += (+v.charAt(i)) * WEIGHTS[i];
    if (CHECK_CHARS.charAt(sum % 11) !== v.charAt(17)) return { error: "身份证号码校验位错误，请核对" };
    return {
      value: v,
      sex: (+v.charAt(16)) % 2 === 1 ? "男" : "女",
      birthDate: v.substr(6, 4) + "-" + v.substr(10, 2) + "-" + v.substr(12, 2)
    };
  }

  // fill sets a sibling field: a select picks the option whose value or text matches, radios
  // check the matching one, other inputs get the value. data-fill-male / data-fill-female on
  // the sex field map 男/女 to other option values (e.g. "M"/"F").
  function fill(scope, key, value) {
    var els = scope.querySelectorAll('[data-fill="' + key + '"]');
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      var v = value;
      if (key === "sex") v = el.getAttribute(value === "男" ? "data-fill-male" : "data-fill-female") || value;
      if (el.type === "radio") {
        el.checked = el.value === v;
      } else if (el.tagName === "SELECT") {
        for (var j = 0; j < el.options.length; j++) {
          var o = el.options[j];
          if (o.value === v || o.text === v) { el.selectedIndex = j; break; }
        }
      } else {
        el.value = v;
      }
      el.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  function checkIDCard(input, final) {
    var r = parseIDCard(input.value, final);
    setFieldError(input, r.error || "");
    if (r.value) {
      if (final && input.value !== r.value) input.value = r.value; // normalise x -> X, spaces
      var scope = input.closest("[data-row]") || input.form || document;
      fill(scope, "sex", r.sex);
      fill(scope, "birthDate", r.birthDate);
    }
  }

  document.addEventListener("input", function (e) {
    if (e.target.matches && e.target.matches("input[data-idcard]")) checkIDCard(e.target, false);
  });
  document.addEventListener("change", function (e) {
    if (e.target.matches && e.target.matches("input[data-idcard]")) checkIDCard(e.target, true);
  });

  // ---------- (b) repeatable rows (household members) ----------

  var RENUMBER_ATTRS = ["name", "id", "for", "aria-describedby", "aria-labelledby"];

  function rowsOf(container) {
    var out = [], kids = container.querySelectorAll("[data-row]");
    for (var i = 0; i < kids.length; i++) {
      if (kids[i].closest("[data-rows]") === container) out.push(kids[i]);
    }
    return out;
  }

  // renumber rewrites NAME[anything] to NAME[i] in each row's attributes, and the visible
  // numbers, so that the server receives members[0..n-1] with no gaps.
  function renumber(container) {
    var name = container.getAttribute("data-rows");
    var re = new RegExp("(^|\\s)" + name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "\\[[^\\]]*\\]", "g");
    var rows = rowsOf(container);
    var min = +(container.getAttribute("data-rows-min") || 0);
    var max = +(container.getAttribute("data-rows-max") || 0);
    rows.forEach(function (row, i) {
      var els = [row].concat(Array.prototype.slice.call(row.querySelectorAll("*")));
      els.forEach(function (el) {
        RENUMBER_ATTRS.forEach(function (a) {
          var v = el.getAttribute(a);
          if (v && v.indexOf(name + "[") >= 0) el.setAttribute(a, v.replace(re, "$1" + name + "[" + i + "]"));
        });
      });
      // Error lines follow their field's new name (ids as web.ErrorID makes them).
      var errs = row.querySelectorAll(".field-error");
      for (var e = 0; e < errs.length; e++) {
        var f = errs[e].parentNode.querySelector("[name]");
        if (f) setFieldError(f, errs[e].textContent.replace(/^错误:/, ""));
      }
      var nums = row.querySelectorAll("[data-row-number]");
      for (var k = 0; k < nums.length; k++) nums[k].textContent = String(i + 1);
      var rm = row.querySelectorAll("[data-row-remove]");
      for (var r = 0; r < rm.length; r++) rm[r].disabled = rows.length <= min;
    });
    var add = container.querySelectorAll("[data-row-add]");
    for (var a = 0; a < add.length; a++) add[a].disabled = max > 0 && rows.length >= max;
  }

  function addRow(container) {
    var tpl = container.querySelector("template[data-row-template]");
    if (!tpl) return;
    var frag = document.importNode(tpl.content, true);
    var row = frag.querySelector("[data-row]");
    var rows = rowsOf(container);
    var list = container.querySelector("[data-row-list]") || container;
    if (rows.length) {
      var last = rows[rows.length - 1];
      last.parentNode.insertBefore(frag, last.nextSibling);
    } else {
      list.appendChild(frag);
    }
    renumber(container);
    if (window.htmx) window.htmx.process(row);
    var first = row && row.querySelector("input, select, textarea");
    if (first) first.focus();
  }

  function removeRow(container, row) {
    var rows = rowsOf(container);
    var i = rows.indexOf(row);
    // Ask only when something was typed (selects always hold a value).
    var typed = Array.prototype.some.call(row.querySelectorAll("input, textarea"), function (f) {
      return !/^(hidden|radio|checkbox|button|submit)$/.test(f.type) && f.value !== "";
    });
    var label = (row.getAttribute("data-row-label") || "第 {n} 行").replace("{n}", String(i + 1));
    if (typed && !window.confirm("确定删除" + label + "吗？已填写的内容将不会保存。")) return;
    row.parentNode.removeChild(row);
    renumber(container);
    rows = rowsOf(container);
    var next = rows[Math.min(i, rows.length - 1)];
    var focus = next ? next.querySelector("input, select, textarea") : container.querySelector("[data-row-add]");
    if (focus) focus.focus();
  }

  document.addEventListener("click", function (e) {
    var t = e.target.closest && e.target.closest("[data-row-add], [data-row-remove]");
    if (!t) return;
    var container = t.closest("[data-rows]");
    if (!container) return;
    e.preventDefault();
    if (t.hasAttribute("data-row-add")) addRow(container);
    else removeRow(container, t.closest("[data-row]"));
  });

  // ---------- (c) cascading division selects ----------
  // <div data-divisions-url="/api/v1/divisions"> with select[data-division] in order (province,
  // city, county, township). Each select may carry data-selected="CODE" (edit forms). The first
  // select is loaded with ?parent= (empty) unless it already has options. The endpoint answers
  // {"items": [{"code": "520000", "name": "贵州省"}]} (or a bare array).

  var PLACEHOLDER = "请选择";

  function resetSelect(sel, disabled) {
    sel.options.length = 0;
    sel.add(new Option(PLACEHOLDER, ""));
    sel.disabled = disabled;
  }

  function loadDivisions(box, sel, parent) {
    var url = box.getAttribute("data-divisions-url");
    url += (url.indexOf("?") >= 0 ? "&" : "?") + "parent=" + encodeURIComponent(parent);
    sel.setAttribute("aria-busy", "true");
    return getJSON(url).then(function (data) {
      var items = Array.isArray(data) ? data : (data.items || []);
      resetSelect(sel, items.length === 0);
      items.forEach(function (d) { sel.add(new Option(d.name, d.code)); });
      var want = sel.getAttribute("data-selected");
      if (want) { sel.value = want; sel.removeAttribute("data-selected"); }
      setFieldError(sel, "");
    }, function () {
      resetSelect(sel, true);
      setFieldError(sel, "行政区划加载失败，请刷新页面重试");
    }).then(function () { sel.removeAttribute("aria-busy"); });
  }

  function setupDivisions(box) {
    if (box.hasAttribute("data-divisions-ready")) return;
    box.setAttribute("data-divisions-ready", "");
    var sels = Array.prototype.slice.call(box.querySelectorAll("select[data-division]"));
    // Load down the chain as far as values are known (empty first select, or data-selected).
    var chain = Promise.resolve();
    sels.forEach(function (sel, i) {
      chain = chain.then(function () {
        var prev = sels[i - 1];
        if (sel.options.length > 1) return; // server-rendered options
        if (i === 0) return loadDivisions(box, sel, "");
        if (prev.value) return loadDivisions(box, sel, prev.value);
        resetSelect(sel, true);
      });
    });
    sels.forEach(function (sel, i) {
      sel.addEventListener("change", function () {
        for (var k = i + 1; k < sels.length; k++) resetSelect(sels[k], true);
        if (sel.value && sels[i + 1]) loadDivisions(box, sels[i + 1], sel.value);
      });
    });
  }

  // ---------- (d) charts ----------
  // <div class="chart" data-chart="emp-by-channel" data-chart-type="bar|hbar|line|pie"
  //      role="img" aria-label="..."></div>
  // <script type="application/json" id="emp-by-channel">
  //   {"categories": ["务工", "公益性岗位"], "series": [{"name": "就业人数", "data": [120, 30]}],
  //    "unit": "人", "percent": false}
  // </script>
  // "percent": true formats values as 85.2% and fixes the value axis at 0–100. A "bar" chart
  // whose category labels would not fit under the bars is drawn as "hbar".
  // The simple ECharts build has no tooltip or legend: values are labelled on the bars and
  // points, and each line names its series at its end.

  var COLORS = ["#1d5fbf", "#2e9e6a", "#e08a1e", "#7a5bc4", "#d9534f", "#2aa3b8", "#8c6d3f"];
  var charts = [];

  function fmt(v, spec) {
    if (v === null || v === undefined) return "";
    if (spec.percent) return (Math.round(v * 10) / 10) + "%";
    return Number(v).toLocaleString("zh-CN");
  }

  // chartOption turns a spec into ECharts options; width is the element's width in pixels,
  // used to wrap the category labels under vertical bars instead of hiding some of them.
  function chartOption(type, spec, width) {
    var cats = spec.categories || [];
    var series = spec.series || [];
    var label = function (pos) {
      return { show: true, position: pos, color: "#4e5969", formatter: function (p) { return fmt(p.value, spec); } };
    };
    var valueAxis = {
      type: "value",
      name: spec.percent ? "%" : (spec.unit || ""),
      max: spec.percent ? 100 : null,
      axisLabel: { color: "#4e5969" },
      splitLine: { lineStyle: { color: "#eef0f4" } }
    };
    var catAxis = {
      type: "category",
      data: cats,
      axisTick: { alignWithLabel: true },
      axisLabel: {
        color: "#4e5969",
        interval: 0,
        width: Math.max(48, Math.floor((width - 70) / Math.max(cats.length, 1))),
        overflow: "break"
      },
      axisLine: { lineStyle: { color: "#c9ced6" } }
    };
    var base = {
      color: COLORS,
      aria: { enabled: true },
      animationDuration: 300,
      textStyle: { fontFamily: '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif' }
    };
    if (type === "pie") {
      base.series = [{
        type: "pie",
        radius: ["35%", "65%"],
        data: cats.map(function (c, i) { return { name: c, value: (series[0] || { data: [] }).data[i] }; }),
        label: { formatter: function (p) { return p.name + "\n" + fmt(p.value, spec) + "(" + p.percent + "%)"; } }
      }];
      return base;
    }
    // Vertical bars whose category labels would not fit under them turn horizontal.
    var longest = cats.reduce(function (n, c) { return Math.max(n, String(c).length); }, 0);
    if (type === "bar" && longest * 12 + 4 > (width - 70) / Math.max(cats.length, 1)) type = "hbar";
    var horizontal = type === "hbar";
    base.grid = { left: 8, right: type === "line" ? 90 : (horizontal ? 48 : 16), top: 36, bottom: 8, containLabel: true };
    base.xAxis = horizontal ? valueAxis : catAxis;
    base.yAxis = horizontal ? catAxis : valueAxis;
    if (horizontal) { catAxis.inverse = true; catAxis.axisLabel.width = 120; }
    base.series = series.map(function (s) {
      if (type === "line") {
        return {
          type: "line", name: s.name, data: s.data, symbolSize: 7,
          label: label("top"),
          endLabel: { show: series.length > 1, formatter: function () { return s.name; }, color: "#4e5969" }
        };
      }
      return {
        type: "bar", name: s.name, data: s.data, barMaxWidth: 36,
        label: label(horizontal ? "right" : "top")
      };
    });
    return base;
  }

  function setupChart(el) {
    if (el.hasAttribute("data-chart-ready")) return;
    var src = document.getElementById(el.getAttribute("data-chart"));
    if (!src || !window.echarts) return;
    el.setAttribute("data-chart-ready", "");
    var spec;
    try { spec = JSON.parse(src.textContent); } catch (err) { spec = null; }
    var empty = !spec || !(spec.categories || []).length;
    if (empty) {
      var p = document.createElement("p");
      p.className = "chart__empty";
      p.textContent = spec ? "暂无数据" : "图表数据有误";
      el.appendChild(p);
      return;
    }
    var chart = window.echarts.init(el, null, { renderer: "canvas", locale: "ZH" });
    chart.setOption(chartOption(el.getAttribute("data-chart-type") || "bar", spec, el.clientWidth));
    charts.push(chart);
  }

  var resizeTimer = 0;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      charts.forEach(function (c) { if (!c.isDisposed()) c.resize(); });
    }, 150);
  });

  // ---------- (e) progress polling ----------
  // <div data-progress-url="/jobs/42/status" data-progress-interval="1500">
  //   <progress class="progress" max="100" value="0" data-progress-bar aria-labelledby="p-text"></progress>
  //   <p class="progress-text" id="p-text" data-progress-text aria-live="polite">排队中……</p>
  //   <a data-progress-result hidden>下载结果</a>
  // </div>
  // The URL answers {"status": "queued|running|done|failed", "done": 40, "total": 100,
  // "message": "...", "resultUrl": "/exports/42.xlsx"} (or "percent" instead of done/total).

  function setupProgress(box) {
    if (box.hasAttribute("data-progress-ready")) return;
    box.setAttribute("data-progress-ready", "");
    var url = box.getAttribute("data-progress-url");
    var interval = +(box.getAttribute("data-progress-interval") || 1500);
    var bar = box.querySelector("[data-progress-bar]");
    var text = box.querySelector("[data-progress-text]");
    var result = box.querySelector("[data-progress-result]");
    var failures = 0;

    function show(s) {
      var pct = s.percent;
      if (pct === undefined && s.total > 0) pct = 100 * s.done / s.total;
      if (s.status === "done") pct = 100;
      if (bar && pct !== undefined) bar.value = Math.max(0, Math.min(100, pct));
      if (bar) {
        bar.classList.toggle("progress--ok", s.status === "done");
        bar.classList.toggle("progress--failed", s.status === "failed");
      }
      var msg;
      if (s.status === "done") msg = s.message || "已完成";
      else if (s.status === "failed") msg = "错误:" + (s.message || "处理失败");
      else if (s.total > 0) msg = (s.message || "处理中") + " " + s.done + " / " + s.total;
      else msg = s.message || (s.status === "queued" ? "排队中……" : "处理中……");
      if (text) {
        text.textContent = msg;
        text.classList.toggle("text-red", s.status === "failed");
      }
      if (result && s.status === "done" && s.resultUrl) {
        result.href = s.resultUrl;
        result.hidden = false;
      }
      box.dispatchEvent(new CustomEvent("anju:progress", { bubbles: true, detail: s }));
    }

    function poll() {
      if (!document.body.contains(box)) return; // swapped away: stop
      getJSON(url).then(function (s) {
        failures = 0;
        show(s);
        if (s.status !== "done" && s.status !== "failed") setTimeout(poll, interval);
      }, function () {
        failures++;
        if (failures >= 5) {
          show({ status: "failed", message: "无法获取进度，请刷新页面查看" });
          return;
        }
        setTimeout(poll, interval * failures);
      });
    }
    poll();
  }

  // ---------- (f) check all ----------
  // <input type="checkbox" data-check-all="row"> ticks or clears every checkbox named "row" in
  // its form (the matching plan's rows).

  document.addEventListener("change", function (e) {
    var t = e.target;
    if (!t.matches || !t.matches("input[data-check-all]")) return;
    var scope = t.form || document;
    var boxes = scope.querySelectorAll('input[type="checkbox"][name="' + t.getAttribute("data-check-all") + '"]');
    for (var i = 0; i < boxes.length; i++) boxes[i].checked = t.checked;
  });

  // ---------- setup, CSRF ----------

  function each(root, selector, fn) {
    if (root.matches && root.matches(selector)) fn(root);
    var els = root.querySelectorAll ? root.querySelectorAll(selector) : [];
    for (var i = 0; i < els.length; i++) fn(els[i]);
  }

  function setup(root) {
    each(root, "[data-rows]", renumber);
    each(root, "[data-divisions-url]", setupDivisions);
    each(root, "[data-chart]", setupChart);
    each(root, "[data-progress-url]", setupProgress);
  }

  // htmx sends the CSRF token with every request it makes.
  document.addEventListener("htmx:configRequest", function (e) {
    var t = csrfToken();
    if (t) e.detail.headers["X-CSRF-Token"] = t;
  });
  document.addEventListener("htmx:load", function (e) { setup(e.target); });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setup(document); });
  } else {
    setup(document);
  }

  // For tests and the console: the pure ID-number check.
  window.anju = { parseIDCard: parseIDCard };
})();
