"""``python -m geostrikes``: the same command line as ``geostrikes``."""

from geostrikes.cli.main import main

if __name__ == "__main__":
    main()
