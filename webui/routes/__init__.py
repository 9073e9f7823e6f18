"""The app's routers, one module per area of the desk."""
