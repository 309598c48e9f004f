import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nocontact.settings")
application = get_wsgi_application()

# What is loaded now (Django, the apps, the URLconf) lives as long as the worker:
# move it out of the garbage collector's reach, so that its collections during
# requests stop walking it again and again (a few per cent of a page's CPU).
gc.collect()
gc.freeze()
