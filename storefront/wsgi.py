import os

from django.core.wsgi import get_wsgi_application

# Development sets DJANGO_SETTINGS_MODULE=storefront.settings.local (Procfile.dev).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storefront.settings.production")
application = get_wsgi_application()
