/* kbgen search worker, in one file (kbgen/search/bundle.py). The search page starts this worker
   and, at the same moment, the download of the search index (or of a split index's manifest),
   so both come in one round trip; it hands the index over as the worker's first message:
   {kbgenIndex: ArrayBuffer} (the response's bytes, transferred), or {kbgenIndex: null, error}
   when it could not be loaded. Started as <this file>?index=URL. The shop widget sets
   self.kbgenWorker up itself before importing this file: then this does nothing. page: the
   worker tells the search page when it has the whole index (search.js then runs the same engine
   in the page: bundle.py, page_engine). */
if (!self.kbgenWorker) {
  self.kbgenWorker = {
    bundled: true,
    page: true,
    download: new Promise(function (resolve, reject) {
      self.addEventListener("message", function take(event) {
        var m = event.data;
        if (!m || typeof m !== "object" || !("kbgenIndex" in m)) return;
        event.stopImmediatePropagation();  // not a query
        self.removeEventListener("message", take);
        if (!m.kbgenIndex) { reject(new Error(String(m.error || "no index"))); return; }
        try { resolve(JSON.parse(new TextDecoder().decode(m.kbgenIndex))); } catch (err) { reject(err); }
      });
    })
  };
}
