"""Run by the system Python (`/usr/bin/python3`, which has LibreOffice's UNO binding from python3-uno), never
imported by the app: starts one headless LibreOffice listening on a private named pipe (no network port), then
converts the files named on its standard input, one JSON request per line, answering one JSON line each:

    {"source": "/…/in.docx", "target": "/…/out.pdf", "filter": "writer_pdf_Export",
     "options": {"ReduceImageResolution": false}}  ->  {"ok": true}

Its parent (common.office.WarmOffice) owns the deadline: it kills this process group when an answer is late.
Only the standard library and uno: it runs outside the app's virtual environment."""
import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def _properties(**values):
    return tuple(PropertyValue(Name=name, Value=value) for name, value in values.items())


def _connect(office: str, profile: str, pipe: str, seconds: float):
    os.umask(0o077)     # LibreOffice's pipe takes the umask: only this user may connect, whatever the caller's
    office_process = subprocess.Popen([office, "--headless", "--invisible", "--nocrashreport", "--nodefault", "--nologo",
                      "--nofirststartwizard", "--norestore", f"-env:UserInstallation={profile}",
                      f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + seconds
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return office_process, context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop",
                                                                                    context)
        except Exception:      # NoConnectException until LibreOffice listens
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _convert(desktop, request: dict) -> None:
    document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(request["source"]), "_blank", 0,
                                            _properties(Hidden=True, ReadOnly=True, MacroExecutionMode=0))
    store = [PropertyValue(Name="FilterName", Value=request["filter"])]
    if request.get("options"):    # the filter's own options travel as a typed sequence
        store.append(PropertyValue(Name="FilterData", Value=uno.Any("[]com.sun.star.beans.PropertyValue",
                                                                   _properties(**request["options"]))))
    try:
        uno.invoke(document, "storeToURL", (uno.systemPathToFileUrl(request["target"]), tuple(store)))
    finally:
        document.close(True)


def main() -> int:
    office, profile, pipe, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    office_process, desktop = _connect(office, profile, pipe, seconds)
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        try:
            _convert(desktop, json.loads(line))
            answer = {"ok": True}
        except Exception as problem:     # the parent says it in Vietnamese; this is for its log
            answer = {"ok": False, "error": f"{type(problem).__name__}: {problem}"[:500]}
        print(json.dumps(answer), flush=True)
    try:
        desktop.terminate()
        office_process.wait(10)      # reaped here, not left to init as a zombie
    except Exception:                # gone already, or slow: the parent stops the whole group next
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
