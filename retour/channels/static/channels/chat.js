// While a reply is on its way (the outbox has not delivered it yet), look again
// shortly; a static file because the CSP allows no inline script.
if (document.body.dataset.waiting === "true") {
    window.setTimeout(() => window.location.reload(), 1500);
}
