// The little the pages do with JavaScript beyond htmx (served as it is: no build step; the CSP allows no inline
// script, so this file is where it lives). Everything here only improves a page that works without it.
//
// A failed htmx request must never be a click that does nothing. htmx 2 swaps nothing for a 4xx/5xx answer
// and only logs it; here:
// - an answer that is a table row (the decide POST answers 400 empty reason, 403, 409 changed since you looked
//   with the row and the server's message in it) replaces the row, as the server meant;
// - any other failure (401 when the session ended, a 403/404/429/500 page, the network down) shows the
//   server's message, the text of its role="alert" element, just before the element that was used.
'use strict';

(function () {
  var ERROR_CLASS = 'js-error';

  /** The message (and its same-site links) from an error page, or the status line when there is none. */
  function messageFrom(xhr) {
    var box = document.createElement('div');
    box.className = 'error ' + ERROR_CLASS;
    box.setAttribute('role', 'alert');
    var alert = null;
    if (xhr && xhr.responseText) {
      var doc = new DOMParser().parseFromString(xhr.responseText, 'text/html');
      alert = doc.querySelector('[role="alert"]');
    }
    if (!alert) {
      box.textContent = xhr && xhr.status ? xhr.status + ' ' + (xhr.statusText || '') : document.body.getAttribute('data-msg-network') || 'Network error';
      return box;
    }
    // rebuilt from text and same-site links only: nothing from the answer is inserted as markup
    alert.childNodes.forEach(function (node) {
      if (node.nodeType === Node.ELEMENT_NODE && node.tagName === 'A' && /^\/(?![/\\])/.test(node.getAttribute('href') || '')) {
        var link = document.createElement('a');
        link.href = node.getAttribute('href');
        link.textContent = node.textContent;
        box.appendChild(link);
      } else {
        box.appendChild(document.createTextNode(node.textContent || ''));
      }
    });
    return box;
  }

  /** Shows `box` just before the form or link that was used, replacing an earlier message there. */
  function showAt(elt, box) {
    var anchor = (elt && elt.closest && elt.closest('form')) || elt || document.querySelector('main');
    if (!anchor || !anchor.parentNode) return;
    var previous = anchor.previousElementSibling;
    if (previous && previous.classList.contains(ERROR_CLASS)) previous.remove();
    anchor.parentNode.insertBefore(box, anchor);
  }

  document.addEventListener('htmx:beforeSwap', function (event) {
    var detail = event.detail;
    var xhr = detail.xhr;
    if (!xhr || xhr.status < 400) return;
    var target = detail.target;
    if (target && target.tagName === 'TR' && /^\s*<tr[\s>]/i.test(xhr.responseText || '')) {
      detail.shouldSwap = true;
      detail.isError = false;
      return;
    }
    detail.shouldSwap = false;
    detail.isError = false; // shown here; htmx need not log it as well
    showAt(detail.requestConfig ? detail.requestConfig.elt : detail.elt, messageFrom(xhr));
  });

  document.addEventListener('htmx:sendError', function (event) {
    showAt(event.detail.elt, messageFrom(null));
  });
})();
