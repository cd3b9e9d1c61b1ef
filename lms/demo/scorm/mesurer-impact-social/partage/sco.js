/*
 * Moteur commun des deux parties de « Mesurer l'impact social » (SCORM 2004 4e édition).
 *
 * Trouve l'API SCORM 2004 (window.API_1484_11) en remontant les fenêtres parentes, reprend
 * la page (cmi.location) et les réponses (cmi.suspend_data), suit l'avancement
 * (cmi.progress_measure, cmi.completion_status), enregistre chaque réponse comme interaction
 * (cmi.interactions.n.*) et le résultat (cmi.score.scaled, cmi.success_status selon
 * cmi.scaled_passing_score). En fin de partie, demande la suite à la plateforme
 * (adl.nav.request) si la page le prévoit. Fonctionne sans plateforme (message affiché).
 *
 * La page décrit la partie : <body data-suite="continue|"> ; pages <section class="page">,
 * questions <fieldset class="question" data-id data-type="choice|true-false" data-reponse
 * data-description>.
 */
(function () {
  "use strict";

  var SEUIL_PAR_DEFAUT = 0.7;
  var api = null;
  var connecte = false;
  var termine = false;
  var debut = new Date();
  var etat = { page: 0, vues: [0], reponses: {}, score: null };

  // --- API SCORM 2004 ------------------------------------------------------------------

  function chercherApi(fenetre) {
    var essais = 0;
    while (fenetre && essais < 10) {
      try {
        if (fenetre.API_1484_11) {
          return fenetre.API_1484_11;
        }
      } catch (erreur) {
        // Fenêtre d'une autre origine : illisible, on continue vers le haut.
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
    var valeur = api.GetValue(nom);
    return valeur === null || valeur === undefined ? "" : String(valeur);
  }

  function ecrire(nom, valeur) {
    if (connecte && !termine) {
      api.SetValue(nom, String(valeur));
    }
  }

  function enregistrer() {
    if (connecte && !termine) {
      api.Commit("");
    }
  }

  // Durée ISO 8601 (timeinterval SCORM 2004), par exemple PT4M12.5S.
  function dureeSession() {
    var centiemes = Math.max(0, Math.round((new Date() - debut) / 10));
    var heures = Math.floor(centiemes / 360000);
    var minutes = Math.floor((centiemes % 360000) / 6000);
    var secondes = (centiemes % 6000) / 100;
    return "PT" + heures + "H" + minutes + "M" + secondes + "S";
  }

  // Horodatage SCORM 2004 en UTC, au dixième de seconde (2026-01-31T09:05:12.3Z).
  function horodatage() {
    return new Date().toISOString().replace(/(\.\d)\d*Z$/, "$1Z");
  }

  // --- État ------------------------------------------------------------------------------

  var pages = Array.prototype.slice.call(document.querySelectorAll(".page"));
  var derniere = pages.length - 1;
  var suite = document.body.getAttribute("data-suite") || "";

  function avancement() {
    if (etat.score !== null) {
      return 1;
    }
    return Math.min(0.9, etat.vues.length / pages.length);
  }

  function sauvegarderEtat() {
    ecrire("cmi.location", String(etat.page));
    ecrire("cmi.progress_measure", avancement().toFixed(2));
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
    var page = parseInt(lire("cmi.location"), 10);
    if (!isNaN(page) && page >= 0 && page <= derniere) {
      etat.page = page;
    }
  }

  function seuil() {
    var lu = parseFloat(lire("cmi.scaled_passing_score"));
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
    barre.style.width = Math.round(avancement() * 100) + "%";
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

  // --- Quiz et interactions --------------------------------------------------------------

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

  function noterInteraction(fieldset, reponse, juste) {
    if (!connecte) {
      return;
    }
    var n = parseInt(lire("cmi.interactions._count"), 10) || 0;
    var prefixe = "cmi.interactions." + n + ".";
    // L'identifiant et le type d'abord : la norme l'exige avant les autres champs.
    ecrire(prefixe + "id", fieldset.getAttribute("data-id"));
    ecrire(prefixe + "type", fieldset.getAttribute("data-type"));
    ecrire(prefixe + "description", fieldset.getAttribute("data-description"));
    ecrire(prefixe + "timestamp", horodatage());
    ecrire(prefixe + "weighting", "1");
    ecrire(prefixe + "correct_responses.0.pattern", fieldset.getAttribute("data-reponse"));
    ecrire(prefixe + "learner_response", reponse);
    ecrire(prefixe + "result", juste ? "correct" : "incorrect");
  }

  function terminer(demande) {
    if (!connecte || termine) {
      return;
    }
    var complet = etat.score !== null;
    ecrire("cmi.exit", complet ? "normal" : "suspend");
    if (demande) {
      ecrire("adl.nav.request", demande);
    }
    ecrire("cmi.session_time", dureeSession());
    sauvegarderEtat();
    termine = true;
    api.Terminate("");
  }

  function remplacerParMessage(titre, texte) {
    var contenu = document.getElementById("contenu");
    contenu.innerHTML = "";
    var carte = document.createElement("div");
    carte.className = "carte";
    carte.setAttribute("role", "status");
    var h2 = document.createElement("h2");
    h2.textContent = titre;
    var p = document.createElement("p");
    p.textContent = texte;
    carte.appendChild(h2);
    carte.appendChild(p);
    contenu.appendChild(carte);
  }

  function montrerBilan(scaled, reussi) {
    bilan.hidden = false;
    bilan.className = "bilan " + (reussi ? "bilan--reussi" : "bilan--echec");
    bilan.innerHTML = "";
    var titre = document.createElement("h3");
    titre.textContent = reussi ? "Partie validée !" : "Partie non validée";
    var texte = document.createElement("p");
    texte.textContent = "Score : " + Math.round(scaled * 100) + " % (seuil : " + Math.round(seuil() * 100) + " %). " +
      (reussi ? (suite === "continue" ? "La partie suivante est maintenant ouverte." : "Vous avez terminé le module, bravo !")
        : "Relisez les pages précédentes puis retentez le quiz.");
    bilan.appendChild(titre);
    bilan.appendChild(texte);
    var bouton = document.createElement("button");
    bouton.type = "button";
    if (reussi) {
      bouton.className = "bouton";
      bouton.textContent = suite === "continue" ? "Continuer vers la partie suivante →" : "Terminer le module";
      bouton.addEventListener("click", function () {
        var avaitApi = connecte;
        terminer(suite);
        remplacerParMessage(
          "Partie terminée",
          avaitApi ? "Votre résultat est enregistré." : "Mode consultation : rien n'a été enregistré."
        );
      });
    } else {
      bouton.className = "bouton-secondaire";
      bouton.textContent = "Recommencer le quiz";
      bouton.addEventListener("click", function () {
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
    }
    bilan.appendChild(bouton);
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
      var reponse = etat.reponses[nomQuestion(fieldset)];
      var juste = reponse === fieldset.getAttribute("data-reponse");
      var retour = fieldset.querySelector(".retour");
      retour.hidden = false;
      retour.className = "retour " + (juste ? "retour--juste" : "retour--faux");
      retour.textContent = (juste ? "Bonne réponse. " : "Ce n'est pas la bonne réponse. ") + fieldset.getAttribute("data-explication");
      noterInteraction(fieldset, reponse, juste);
      if (juste) {
        justes += 1;
      }
    });
    var scaled = justes / questions.length;
    var reussi = scaled >= seuil();
    etat.score = scaled;
    ecrire("cmi.score.min", "0");
    ecrire("cmi.score.max", String(questions.length));
    ecrire("cmi.score.raw", String(justes));
    ecrire("cmi.score.scaled", scaled.toFixed(2));
    ecrire("cmi.success_status", reussi ? "passed" : "failed");
    ecrire("cmi.completion_status", "completed");
    barre.style.width = "100%";
    sauvegarderEtat();
    montrerBilan(scaled, reussi);
    bilan.focus();
  });

  // --- Sortie ----------------------------------------------------------------------------

  document.getElementById("quitter").addEventListener("click", function () {
    terminer("suspendAll");
    remplacerParMessage("Progression enregistrée", "Vous pourrez reprendre cette partie là où vous l'avez laissée.");
  });
  window.addEventListener("pagehide", function () {
    terminer("");
  });
  window.addEventListener("beforeunload", function () {
    terminer("");
  });

  // --- Démarrage -------------------------------------------------------------------------

  api = trouverApi();
  if (api) {
    connecte = String(api.Initialize("")) === "true";
  }
  if (!connecte) {
    document.getElementById("sans-suivi").hidden = false;
    document.getElementById("quitter").hidden = true;
  } else {
    var statut = lire("cmi.completion_status");
    if (statut === "" || statut === "unknown" || statut === "not attempted") {
      ecrire("cmi.completion_status", "incomplete");
    }
    restaurerEtat();
  }
  restaurerReponses();
  if (etat.score !== null) {
    montrerBilan(etat.score, etat.score >= seuil());
  }
  afficher(etat.page, false);
})();
