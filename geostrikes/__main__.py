"""``python -m geostrikes``: the same command line as ``geostrikes``."""

if __name__ == "__main__":
    from geostrikes.cli._interrupt import exit_on_interrupt

    # Before click and the commands are imported: Ctrl-C may come at once.
    exit_on_interrupt()

    from geostrikes.cli.main import main

    main()
