"""Static files in production: whitenoise's compressed, hashed storage, with two adjustments.

viewflow ships roboto-fontface's CSS, which names font files (Roboto-Thin.woff2 …) that viewflow
does not ship; the strict manifest storage then refuses the whole `collectstatic`. A reference
to a file that does not exist is left as written (the browser gets a 404 for that one font
weight, as it does today); every file that exists is hashed as usual.

The collected files are about 180 MB (viewflow's bundles, Swagger UI): with brotli as well as
gzip, `collectstatic` took 11 min 51 s on this 2-core machine under load, which every start of
bin/serve would pay. gzip only by default; STATIC_BROTLI=1 adds the .br files.
A name missing from the manifest is not an error either (see manifest_strict below).
"""

import os

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    # A name missing from the manifest renders unhashed (whitenoise then serves it uncached or
    # 404s) instead of turning the whole page into a 500.
    manifest_strict = False

    def hashed_name(self, name, content=None, filename=None):
        if content is None and not self.exists(filename or name):
            return name
        return super().hashed_name(name, content, filename)

    def create_compressor(self, **kwargs):
        kwargs.setdefault("use_brotli", os.environ.get("STATIC_BROTLI", "0") == "1")
        return super().create_compressor(**kwargs)
