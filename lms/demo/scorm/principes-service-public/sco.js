/*
 * « Les principes du service public » : un SCO SCORM 1.2.
 *
 * Trouve l'API SCORM 1.2 (window.API) en remontant les fenêtres parentes, reprend là où
 * l'apprenant s'était arrêté (cmi.core.lesson_location, cmi.suspend_data), note le quiz
 * (cmi.core.score.*, cmi.core.lesson_status passed/failed selon le seuil de maîtrise) et
 * quitte en « suspend » tant que le module n'est pas terminé. Fonctionne sans plateforme
 * (message affiché, rien n'est enregistré).
 */
(function () {
  "use strict";

  var SEUIL_PAR_DEFAUT = 70;
  var api = null;
  var connecte = false;
  var termine = false;
  var debut = new Date();
  var etat = { page: 0, vues: [0], reponses: {}, score: null };

  // --- API SCORM 1.2 -------------------------------------------------------------------

  function chercherApi(fenetre) {
    var essais = 0;
    while (fenetre && essais < 10) {
      try {
        if (fenetre.API) {
          return fenetre.API;
        }
      } catch (erreur) {
        // Fenêtre d'une autre origine : on ne peut pas y lire, on continue vers le haut.
      }
      if (!fenetre.parent || fenetre.parent === fenetre) {
        break;
      }
      fenetre = fenetre.parent;
      essais += 1;
    }
    return null;
  }

  function trouverApi() {
    var trouvee = chercherApi(window);
    if (!trouvee && window.opener) {
      trouvee = chercherApi(window.opener);
    }
    return trouvee;
  }

  function lire(nom) {
    if (!connecte) {
      return "";
    }
    var valeur = api.LMSGetValue(nom);
    return valeur === null || valeur === undefined ? "" : String(valeur);
  }

  function ecrire(nom, valeur) {
    if (connecte) {
      api.LMSSetValue(nom, String(valeur));
    }
  }

  function enregistrer() {
    if (connecte) {
      api.LMSCommit("");
    }
  }

  function deuxChiffres(n) {
    return (n < 10 ? "0" : "") + n;
  }

  // Durée au format SCORM 1.2 (CMITimespan) : HH:MM:SS.SS
  function dureeSession() {
    var secondes = Math.max(0, (new Date() - debut) / 1000);
    var heures = Math.floor(secondes / 3600);
    var minutes = Math.floor((secondes % 3600) / 60);
    var reste = (secondes % 60).toFixed(2);
    return deuxChiffres(heures) + ":" + deuxChiffres(minutes) + ":" + (reste < 10 ? "0" : "") + reste;
  }

  // --- État ------------------------------------------------------------------------------

  var pages = Array.prototype.slice.call(document.querySelectorAll(".page"));
  var derniere = pages.length - 1;

  function sauvegarderEtat() {
    ecrire("cmi.core.lesson_location", String(etat.page));
    ecrire("cmi.suspend_data", JSON.stringify({ v: 1, vues: etat.vues, reponses: etat.reponses, score: etat.score }));
    enregistrer();
  }

  function restaurerEtat() {
    var donnees = lire("cmi.suspend_data");
    if (donnees) {
      try {
        var lu = JSON.parse(donnees);
        etat.vues = Array.isArray(lu.vues) ? lu.vues : etat.vues;
        etat.reponses = lu.reponses && typeof lu.reponses === "object" ? lu.reponses : {};
        etat.score = typeof lu.score === "number" ? lu.score : null;
      } catch (erreur) {
        // Données illisibles : on repart du début sans bloquer l'apprenant.
      }
    }
    var page = parseInt(lire("cmi.core.lesson_location"), 10);
    if (!isNaN(page) && page >= 0 && page <= derniere) {
      etat.page = page;
    }
  }

  function seuil() {
    var lu = parseFloat(lire("cmi.student_data.mastery_score"));
    return isNaN(lu) ? SEUIL_PAR_DEFAUT : lu;
  }

  // --- Affichage -------------------------------------------------------------------------

  var texteProgression = document.getElementById("progression-texte");
  var barre = document.getElementById("progression-barre");
  var precedent = document.getElementById("precedent");
  var suivant = document.getElementById("suivant");

  function afficher(index, donnerFocus) {
    etat.page = index;
    if (etat.vues.indexOf(index) === -1) {
      etat.vues.push(index);
    }
    pages.forEach(function (page, i) {
      page.hidden = i !== index;
    });
    texteProgression.textContent = "Étape " + (index + 1) + " sur " + pages.length + " : " + pages[index].getAttribute("data-titre");
    barre.style.width = Math.round((etat.vues.length / pages.length) * 100) + "%";
    precedent.disabled = index === 0;
    suivant.hidden = index === derniere;
    if (donnerFocus) {
      pages[index].querySelector("h2").focus();
    }
    sauvegarderEtat();
  }

  precedent.addEventListener("click", function () {
    if (etat.page > 0) {
      afficher(etat.page - 1, true);
    }
  });
  suivant.addEventListener("click", function () {
    if (etat.page < derniere) {
      afficher(etat.page + 1, true);
    }
  });

  // --- Quiz ------------------------------------------------------------------------------

  var formulaire = document.getElementById("quiz");
  var questions = Array.prototype.slice.call(formulaire.querySelectorAll("fieldset.question"));
  var bilan = document.getElementById("bilan");
  var erreurQuiz = document.getElementById("quiz-erreur");

  function nomQuestion(fieldset) {
    return fieldset.querySelector("input").name;
  }

  function restaurerReponses() {
    questions.forEach(function (fieldset) {
      var choisie = etat.reponses[nomQuestion(fieldset)];
      fieldset.querySelectorAll("input").forEach(function (input) {
        input.checked = input.value === choisie;
      });
    });
  }

  function montrerBilan(score, reussi) {
    bilan.hidden = false;
    bilan.className = "bilan " + (reussi ? "bilan--reussi" : "bilan--echec");
    bilan.innerHTML = "";
    var titre = document.createElement("h3");
    titre.textContent = reussi ? "Module validé !" : "Module non validé";
    var texte = document.createElement("p");
    texte.textContent = "Votre score : " + score + " / 100 (seuil de réussite : " + seuil() + ")." +
      (reussi ? " Vous pouvez fermer cette activité." : " Relisez les pages précédentes puis retentez le quiz.");
    bilan.appendChild(titre);
    bilan.appendChild(texte);
    if (!reussi) {
      var recommencer = document.createElement("button");
      recommencer.type = "button";
      recommencer.className = "bouton-secondaire";
      recommencer.textContent = "Recommencer le quiz";
      recommencer.addEventListener("click", function () {
        etat.reponses = {};
        etat.score = null;
        restaurerReponses();
        questions.forEach(function (fieldset) {
          fieldset.querySelector(".retour").hidden = true;
        });
        bilan.hidden = true;
        sauvegarderEtat();
        questions[0].querySelector("input").focus();
      });
      bilan.appendChild(recommencer);
    }
  }

  formulaire.addEventListener("change", function (evenement) {
    if (evenement.target.type === "radio") {
      etat.reponses[evenement.target.name] = evenement.target.value;
      sauvegarderEtat();
    }
  });

  formulaire.addEventListener("submit", function (evenement) {
    evenement.preventDefault();
    var manquantes = questions.filter(function (fieldset) {
      return !etat.reponses[nomQuestion(fieldset)];
    });
    erreurQuiz.hidden = manquantes.length === 0;
    if (manquantes.length) {
      manquantes[0].querySelector("input").focus();
      return;
    }
    var justes = 0;
    questions.forEach(function (fieldset) {
      var juste = etat.reponses[nomQuestion(fieldset)] === fieldset.getAttribute("data-reponse");
      var retour = fieldset.querySelector(".retour");
      retour.hidden = false;
      retour.className = "retour " + (juste ? "retour--juste" : "retour--faux");
      retour.textContent = juste ? "Bonne réponse." : "Ce n'est pas la bonne réponse.";
      if (juste) {
        justes += 1;
      }
    });
    var score = Math.round((justes / questions.length) * 100);
    var reussi = score >= seuil();
    etat.score = score;
    ecrire("cmi.core.score.min", "0");
    ecrire("cmi.core.score.max", "100");
    ecrire("cmi.core.score.raw", String(score));
    ecrire("cmi.core.lesson_status", reussi ? "passed" : "failed");
    sauvegarderEtat();
    montrerBilan(score, reussi);
    bilan.focus();
  });

  // --- Sortie ----------------------------------------------------------------------------

  function statutFinal() {
    var statut = lire("cmi.core.lesson_status");
    return statut === "passed" || statut === "failed" || statut === "completed";
  }

  function quitter() {
    if (!connecte || termine) {
      return;
    }
    termine = true;
    ecrire("cmi.core.exit", statutFinal() ? "" : "suspend");
    ecrire("cmi.core.session_time", dureeSession());
    sauvegarderEtat();
    api.LMSFinish("");
  }

  document.getElementById("quitter").addEventListener("click", function () {
    quitter();
    document.getElementById("contenu").innerHTML =
      '<div class="carte" role="status"><h2>Progression enregistrée</h2><p>Vous pourrez reprendre ce module là où vous l\'avez laissé.</p></div>';
  });
  window.addEventListener("pagehide", quitter);
  window.addEventListener("beforeunload", quitter);

  // --- Démarrage -------------------------------------------------------------------------

  api = trouverApi();
  if (api) {
    connecte = String(api.LMSInitialize("")) === "true";
  }
  if (!connecte) {
    document.getElementById("sans-suivi").hidden = false;
    document.getElementById("quitter").hidden = true;
  } else {
    var statut = lire("cmi.core.lesson_status");
    if (statut === "" || statut === "not attempted") {
      ecrire("cmi.core.lesson_status", "incomplete");
    }
    restaurerEtat();
  }
  restaurerReponses();
  if (etat.score !== null) {
    montrerBilan(etat.score, etat.score >= seuil());
  }
  afficher(etat.page, false);
})();
