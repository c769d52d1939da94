"""The Qt desktop interface: thin views and controllers over ``desktop.core`` services."""
