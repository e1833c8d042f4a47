"""What `make run` serves: dashboard.py through Streamlit's public ASGI entry, with the upload guard in front and
unknown addresses sent to a page (ui/addresses.py).

`streamlit run serve.py` finds `app` and serves it with uvicorn; .streamlit/config.toml, the pages and the
command-line options work as they do for `streamlit run dashboard.py`."""
import os

from starlette.middleware import Middleware
from streamlit.starlette import App

from ui.addresses import KnownAddresses
from ui.guard import UploadGuard

os.umask(0o077)     # the server's files are its own: the accounts file's write-ahead log among them (issue 12, item 9)
app = App("dashboard.py", middleware=[Middleware(KnownAddresses), Middleware(UploadGuard)])
