app_name = "verfuegungen"
urlpatterns = []
