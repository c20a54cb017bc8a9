"""The site's build and the helpers the plugins and tools share, called by tasks.py.

pipeline.py is the one build (its docstring lists the steps in order); deploy.py
publishes to gh-pages; devserver.py previews; install.py installs the test tools;
headers.py reads a Markdown source's header.
"""
