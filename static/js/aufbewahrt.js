// Issue 17 item 7: fill a form again with the input kept when the session had expired.
// Never submits: the user checks the values and sends the form himself.
(function () {
  "use strict";
  var quelle = document.getElementById("aufbewahrte-eingaben");
  if (!quelle) {
    return;
  }
  var paare = JSON.parse(quelle.textContent);
  var benutzt = {};
  paare.forEach(function (paar) {
    var name = paar[0];
    var wert = paar[1];
    var felder = Array.prototype.filter.call(
      document.querySelectorAll("main form[method='post'] [name]"),
      function (feld) {
        return feld.name === name;
      }
    );
    felder.forEach(function (feld) {
      var art = (feld.type || "").toLowerCase();
      if (art === "checkbox" || art === "radio") {
        if (feld.value === wert) {
          feld.checked = true;
        }
      } else if (art === "file" || art === "hidden" || art === "password" || art === "submit") {
        return;
      } else if (feld.tagName === "SELECT" && feld.multiple) {
        Array.prototype.forEach.call(feld.options, function (option) {
          if (option.value === wert) {
            option.selected = true;
          }
        });
      } else {
        // Several fields of one name take the values in order.
        var schon = benutzt[name] || 0;
        if (felder.indexOf(feld) === schon % felder.length) {
          feld.value = wert;
        }
      }
    });
    benutzt[name] = (benutzt[name] || 0) + 1;
  });
})();
